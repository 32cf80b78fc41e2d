/**
 * Ferry's connector contract: what a connector vendor implements and registers as an OSGi service.
 *
 * <p>A {@link dev.ferry.connector.api.Connector} describes itself ({@link dev.ferry.connector.api.ConnectorInfo}),
 * declares its connection settings as data ({@link dev.ferry.connector.api.ConfigField}) so the platform can
 * validate, render and mask them without calling vendor code, tests a connection, and offers
 * {@link dev.ferry.connector.api.ModuleSpec modules} whose data objects it can read (the cache-writer side,
 * {@link dev.ferry.connector.api.read}) and act on (the action-processor side, {@link dev.ferry.connector.api.action}).
 *
 * <p>Semantic versioning: a minor version adds, a major version breaks.
 */
@Version("1.1.0")
package dev.ferry.connector.api;

import org.osgi.annotation.versioning.Version;

/**
 * Ferry's service layer: what the Karaf shell, the REST API and (later) the web console call. Every change
 * made through these services is recorded in the activity log.
 */
@Version("0.2.0")
package dev.ferry.platform.api;

import org.osgi.annotation.versioning.Version;

/** The action-processor side of a connector: insert, update, upsert, delete and get on a data object. */
@Version("1.1.0")
package dev.ferry.connector.api.action;

import org.osgi.annotation.versioning.Version;

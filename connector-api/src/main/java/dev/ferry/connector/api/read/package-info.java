/** The cache-writer side of a connector: reading a data object, fully or incrementally from a cursor. */
@Version("1.2.0")
package dev.ferry.connector.api.read;

import org.osgi.annotation.versioning.Version;

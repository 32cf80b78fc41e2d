/** Records and the data objects that describe them (fields, types, primary key). */
@Version("1.1.0")
package dev.ferry.connector.api.data;

import org.osgi.annotation.versioning.Version;

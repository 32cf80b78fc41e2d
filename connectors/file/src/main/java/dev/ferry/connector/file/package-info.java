/**
 * The file connector: data objects are CSV or NDJSON files in one directory, read in arrival order and
 * appended to. Private to its bundle; the platform sees only the {@link dev.ferry.connector.api.Connector} service.
 */
package dev.ferry.connector.file;

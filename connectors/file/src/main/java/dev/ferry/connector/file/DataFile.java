package dev.ferry.connector.file;

import java.nio.file.Path;

/**
 * A data file found in the directory, ordered by its position (arrival order).
 *
 * @param path     where it is
 * @param position its modification time and name
 */
record DataFile(Path path, FilePosition position) implements Comparable<DataFile> {

    String name() {
        return position.name();
    }

    @Override
    public int compareTo(DataFile other) {
        return position.compareTo(other.position);
    }
}

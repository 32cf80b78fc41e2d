package dev.ferry.connector.file;


/**
 * A data file found in the directory, ordered by its position (arrival order).
 *
 * @param position its modification time and name
 * @param size     its length in bytes when listed; with the time, what tells that a file was written again
 */
record DataFile(FilePosition position, long size) implements Comparable<DataFile> {

    String name() {
        return position.name();
    }

    long modifiedMillis() {
        return position.modifiedMillis();
    }

    @Override
    public int compareTo(DataFile other) {
        return position.compareTo(other.position);
    }
}

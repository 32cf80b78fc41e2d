package dev.ferry.connector.file;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.read.CacheWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files of an object incremental reads have taken, so that the next read takes every other one.
 *
 * <p>A file's modification time alone does not tell whether it arrived after a read: a file moved in from a staging
 * folder ({@code mv}), copied with its times kept ({@code cp -p}), or written under a hidden name and renamed after
 * another file was read, carries a time older than files read before it, and a file system with 1-second times gives
 * several files the same time. So the cursor remembers the files it read by name, modification time and size, for
 * a look-back window: those modified at or after the <em>window start</em>, which trails the newest modification
 * time read by the object's {@code lookBack} (one day by default). A file counts as read when it was modified before
 * the window start, or is remembered with the same time and size; every other file is read, in arrival order. A file
 * written again (same name, another time or size) is read again, which the platform's cache takes in its stride: a
 * record read again with the same values changes nothing, while a file never read loses its records.
 *
 * <p>Trade-offs, to keep the cursor bounded:
 * <ul>
 * <li>A file arriving with a time more than the look-back before the newest file read counts as read and is never
 *     read. The window start never passes the current time minus the look-back, so one file dated in the future does
 *     not hide the files that come after it.</li>
 * <li>The platform keeps cursors of up to {@link CacheWriter#MAX_CURSOR_LENGTH} characters, so the text is kept
 *     to {@link #MAX_BYTES} bytes of UTF-8. When the names in the window do not fit, the oldest ones are dropped
 *     and the window start moves up past them: the window then covers less than the look-back (with names of 30
 *     characters, about 400 files), and a file arriving late with a time older than the files still remembered is
 *     not read.</li>
 * </ul>
 *
 * <p>Text form: {@code v2|<windowStart>|<newest>|<entries>}, times in epoch milliseconds, entries separated by
 * {@code /} (which no file name contains), each {@code <age>,<size>,<name>} with {@code age = newest - modified}
 * (shorter than the time itself). For example {@code v2|1699913600000|1700000000000|60000,512,a.csv/0,80,b.csv}.
 * A cursor of the form before this one, {@code <modifiedMillis>|<name>} of the last file read (see
 * {@link FilePosition}), is still accepted and means what it did: every file at or before that position was read.
 */
final class FileCursor {

    static final String VERSION = "v2";
    /** Well under the longest cursor the platform keeps. */
    static final int MAX_BYTES = CacheWriter.MAX_CURSOR_LENGTH - 500;

    /** No read before: nothing counts as read. */
    static final FileCursor NONE = new FileCursor(Long.MIN_VALUE, Long.MIN_VALUE, Map.of(), null);

    private static final String FIELD = "|";
    private static final char ENTRY = '/';
    private static final char PART = ',';
    /** The longest text before the entries: the version, two longs, three separators. */
    private static final int HEAD_MAX_BYTES = VERSION.length() + 2 * 20 + 3;
    private static final Comparator<DataFile> OLDEST_FIRST = Comparator.comparing(DataFile::position);

    /** Files modified before it count as read. */
    private final long windowStart;
    /** The newest modification time of a file read; {@code Long.MIN_VALUE} when none was. */
    private final long newest;
    /** The files read that were modified at or after the window start, by name. */
    private final Map<String, Seen> read;
    /** An old-form cursor: every file at or before this position counts as read. */
    private final FilePosition legacy;

    private record Seen(long modifiedMillis, long size) {
    }

    private FileCursor(long windowStart, long newest, Map<String, Seen> read, FilePosition legacy) {
        this.windowStart = windowStart;
        this.newest = newest;
        this.read = read;
        this.legacy = legacy;
    }

    /** Reads a cursor of either form. */
    static FileCursor parse(String text) throws ConnectorException {
        if (!text.startsWith(VERSION + FIELD)) {
            FilePosition last;
            try {
                last = FilePosition.parse(text);
            } catch (ConnectorException e) {
                throw new ConnectorException(e.code(), "cursor '" + text + "' is neither of the form " + VERSION
                        + "|<windowStart>|<newest>|<age>,<size>,<name>/... nor <mtimeMillis>|<file name>", false, e);
            }
            return new FileCursor(Long.MIN_VALUE, last.modifiedMillis(), Map.of(), last);
        }
        String[] fields = text.split("\\|", 4);
        try {
            if (fields.length != 4) {
                throw new IllegalArgumentException("it has " + fields.length + " of 4 fields");
            }
            long windowStart = Long.parseLong(fields[1]);
            long newest = Long.parseLong(fields[2]);
            Map<String, Seen> read = new HashMap<>();
            if (!fields[3].isEmpty()) {
                for (String entry : fields[3].split(String.valueOf(ENTRY), -1)) {
                    int first = entry.indexOf(PART);
                    int second = first < 0 ? -1 : entry.indexOf(PART, first + 1);
                    if (second < 0 || second == entry.length() - 1) {
                        throw new IllegalArgumentException("entry '" + entry + "' is not <age>,<size>,<name>");
                    }
                    long modified = newest - Long.parseLong(entry.substring(0, first));
                    long size = Long.parseLong(entry.substring(first + 1, second));
                    read.put(entry.substring(second + 1), new Seen(modified, size));
                }
            }
            return new FileCursor(windowStart, newest, read, null);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new ConnectorException("invalid_cursor", "cursor '" + text + "' is not of the form " + VERSION
                    + "|<windowStart>|<newest>|<age>,<size>,<name>/...: " + e.getMessage(), false, e);
        }
    }

    /** Whether an earlier read took the file as it is now. */
    boolean hasRead(DataFile file) {
        if (legacy != null) {
            return file.position().compareTo(legacy) <= 0;
        }
        if (file.modifiedMillis() < windowStart) {
            return true;
        }
        Seen seen = read.get(file.name());
        return seen != null && seen.modifiedMillis() == file.modifiedMillis() && seen.size() == file.size();
    }

    /**
     * The cursor after a read.
     *
     * @param taken          every listed file that counts as read now: read before ({@link #hasRead}) or read
     *                       completely by this read
     * @param lookBackMillis how far the window reaches back from the newest file read
     * @param nowMillis      the current time, which the window start does not pass minus the look-back
     * @param stoppedIn      the file the read stopped in, which stays unread, or {@code null}
     * @return the cursor's text; empty when there is nothing to resume from (no file was ever read) or when it
     *         could not be kept short enough without counting the file the read stopped in as read (then the
     *         caller keeps the cursor the read started from and the next read takes these files again)
     */
    Optional<String> next(List<DataFile> taken, long lookBackMillis, long nowMillis, DataFile stoppedIn) {
        long newestNow = newest;
        for (DataFile file : taken) {
            newestNow = Math.max(newestNow, file.modifiedMillis());
        }
        if (newestNow == Long.MIN_VALUE) {
            return Optional.empty();
        }
        long start = Math.max(windowStart, minus(Math.min(newestNow, nowMillis), lookBackMillis));
        if (stoppedIn != null) {
            // files from the one the read stopped in on are unread; the window must keep them
            start = Math.min(start, stoppedIn.modifiedMillis());
        }
        List<DataFile> kept = new ArrayList<>();
        for (DataFile file : taken) {
            if (file.modifiedMillis() >= start) {
                kept.add(file);
            }
        }
        kept.sort(OLDEST_FIRST);

        // drop the oldest names until the rest fits, and every name sharing the time of the last one dropped, so
        // that the window can start just after it
        List<String> entries = new ArrayList<>(kept.size());
        for (DataFile file : kept) {
            entries.add(entry(file, newestNow));
        }
        int keepFrom = entries.size();
        int bytes = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            int cost = utf8Length(entries.get(i)) + (i == entries.size() - 1 ? 0 : 1);
            if (HEAD_MAX_BYTES + bytes + cost > MAX_BYTES) {
                break;
            }
            bytes += cost;
            keepFrom = i;
        }
        if (keepFrom > 0) {
            long dropped = kept.get(keepFrom - 1).modifiedMillis();
            while (keepFrom < kept.size() && kept.get(keepFrom).modifiedMillis() == dropped) {
                keepFrom++;
            }
            start = Math.max(start, dropped + 1);
            if (stoppedIn != null && start > stoppedIn.modifiedMillis()) {
                return Optional.empty();
            }
        }
        StringBuilder text = new StringBuilder(VERSION).append(FIELD).append(start).append(FIELD)
                .append(newestNow).append(FIELD);
        for (int i = keepFrom; i < entries.size(); i++) {
            if (i > keepFrom) {
                text.append(ENTRY);
            }
            text.append(entries.get(i));
        }
        return Optional.of(text.toString());
    }

    private static String entry(DataFile file, long newest) {
        return Long.toString(newest - file.modifiedMillis()) + PART + file.size() + PART + file.name();
    }

    /** {@code time - span}, or the smallest time for a span reaching before it. */
    private static long minus(long time, long span) {
        long result = time - span;
        return result > time ? Long.MIN_VALUE : result;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

package dev.ferry.connector.file;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.Record;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the files of a data object in arrival order (modification time, then name). The cursor is the position of
 * the last file read completely, so an incremental read returns only files that arrived after it.
 */
final class FileCacheWriter implements CacheWriter {

    private final FileFormat format;

    FileCacheWriter(FileFormat format) {
        this.format = format;
    }

    @Override
    public Optional<String> read(ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        FileObjectOptions options = FileObjectOptions.of(object, format.extension());
        Optional<FilePosition> after = Optional.empty();
        if (context.mode() == ReadMode.INCREMENTAL && context.cursor().isPresent()) {
            after = Optional.of(FilePosition.parse(context.cursor().get()));
        }
        List<DataFile> files = DataDirectory.of(context.connection()).list(options.fileNames());
        FilePosition lastRead = after.orElse(null);
        for (DataFile file : files) {
            if (after.isPresent() && file.position().compareTo(after.get()) <= 0) {
                continue;
            }
            if (!readFile(file, context)) {
                // stopped inside this file: resume at its start next time rather than skip its remaining rows
                break;
            }
            lastRead = file.position();
        }
        return Optional.ofNullable(lastRead).map(FilePosition::cursor);
    }

    /** Emits the rows of one file; false when the platform asked to stop. */
    private boolean readFile(DataFile file, ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        try (Reader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
             RowReader rows = format.open(reader, object)) {
            Row row;
            while ((row = rows.next()) != null) {
                String location = file.name() + " line " + row.line();
                if (row.problem() != null) {
                    context.reject(location, row.problem());
                    continue;
                }
                Record record;
                try {
                    record = object.toRecord(row.values());
                } catch (IllegalArgumentException e) {
                    context.reject(location, e.getMessage());
                    continue;
                }
                if (!context.emit(record)) {
                    return false;
                }
            }
        } catch (MalformedFileException e) {
            context.reject(file.name() + " line " + e.line(), e.getMessage() + "; the rest of the file is skipped");
        } catch (NoSuchFileException e) {
            // moved away after listing: it is no longer part of the object
        } catch (IOException e) {
            throw new ConnectorException("read_failed", "reading " + file.path() + " failed: " + e, true, e);
        }
        return true;
    }
}

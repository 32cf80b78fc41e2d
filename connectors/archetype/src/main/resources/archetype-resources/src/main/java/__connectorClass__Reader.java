package ${package};

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads every record of an object. It keeps no cursor, so each read is a full one: the platform's cache finds what
 * changed. A connector whose system can say "changed since" returns a cursor instead (see {@link CacheWriter}).
 */
final class ${connectorClass}Reader implements CacheWriter {

    @Override
    public Optional<String> read(ReadContext context) throws ConnectorException {
        DataObject object = context.object();
        ItemFolder folder = ItemFolder.of(context.connection());
        for (Path file : folder.files(object)) {
            try {
                if (!context.emit(object.toRecord(ItemFolder.values(file)))) {
                    break; // the platform needs no more
                }
            } catch (IllegalArgumentException e) {
                context.reject(file.getFileName().toString(), e.getMessage()); // the others are still read
            } catch (NoSuchFileException e) {
                // deleted since it was listed: not a record any more
            } catch (IOException e) {
                throw new ConnectorException("unreadable", "cannot read " + file + ": " + e.getMessage(), true, e);
            }
        }
        return Optional.empty();
    }
}

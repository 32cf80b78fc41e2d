package dev.ferry.connector.file;

import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Path;

/** A file connector test working in a fresh folder of its own. */
abstract class InFolderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    protected Path dir;
    protected final FileConnector connector = new FileConnector();

    @Before
    public void makeFolder() throws IOException {
        dir = temp.newFolder("files").toPath();
    }
}

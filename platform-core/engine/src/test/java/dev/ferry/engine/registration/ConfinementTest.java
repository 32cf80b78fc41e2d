package dev.ferry.engine.registration;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** Folders are judged where they really are; Ferry's own store is found whatever form its URL takes. */
public class ConfinementTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aFolderMustReallyBeInsideAnAllowedOne() throws Exception {
        Path root = temp.newFolder("workspaces", "acme").toPath();
        List<Path> allowed = List.of(Confinement.real(root));
        assertEquals(Optional.empty(), Confinement.folderProblem(root.resolve("inbox").toString(), allowed, "acme"));
        assertEquals("a folder not made yet", Optional.empty(),
                Confinement.folderProblem(root.resolve("new/deeper").toString(), allowed, "acme"));
        assertTrue(Confinement.folderProblem("/etc", allowed, "acme").orElseThrow().contains("is outside the folders workspace acme may use"));
        assertTrue(Confinement.folderProblem("/proc/self", allowed, "acme").isPresent());
        assertTrue("climbing out with ..", Confinement.folderProblem(root + "/../../../etc", allowed, "acme").isPresent());
        assertTrue(Confinement.folderProblem("inbox", allowed, "acme").orElseThrow().contains("not an absolute folder"));
        Path link = Files.createSymbolicLink(root.resolve("escape"), Path.of("/etc"));
        String escaped = Confinement.folderProblem(link.toString(), allowed, "acme").orElseThrow();
        assertTrue(escaped, escaped.contains("(really /etc)"));
        assertTrue(Confinement.folderProblem(link.resolve("ssl").toString(), allowed, "acme").isPresent());
        Path sibling = temp.newFolder("workspaces", "acme-other").toPath();
        assertTrue("a sibling whose name starts alike", Confinement.folderProblem(sibling.toString(), allowed, "acme").isPresent());
    }

    @Test
    public void theStoreIsFoundWhateverFormItsUrlTakes() throws Exception {
        Path db = temp.newFolder("data", "ferry", "db").toPath();
        String store = "jdbc:derby:" + db;
        assertTrue(Confinement.sameDatabase(store + ";create=true", store));
        assertTrue(Confinement.sameDatabase("jdbc:derby:directory:" + db + "/../db;user=x", store));
        assertFalse(Confinement.sameDatabase("jdbc:derby:" + db.resolveSibling("target") + ";create=true", store));
        assertFalse(Confinement.sameDatabase("jdbc:derby:memory:x", "jdbc:derby:memory:x"));
        String pg = "jdbc:postgresql://localhost:5432/ferry";
        assertTrue(Confinement.sameDatabase("jdbc:postgresql://127.0.0.1/ferry?sslmode=disable", pg));
        assertFalse(Confinement.sameDatabase("jdbc:postgresql://127.0.0.1/test", pg));
        assertFalse(Confinement.sameDatabase("jdbc:postgresql://127.0.0.1:5433/ferry", pg));
        assertFalse(Confinement.sameDatabase("jdbc:mariadb://127.0.0.1/ferry", pg));
        assertFalse(Confinement.sameDatabase("https://api.example.com/ferry", pg));
    }
}

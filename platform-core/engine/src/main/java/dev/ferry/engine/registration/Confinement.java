package dev.ferry.engine.registration;

import dev.ferry.connector.api.ConfigType;
import dev.ferry.store.StoreSchema;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a registration's settings may reach. A folder (a setting of type path, such as a file connection's
 * {@code directory}) must lie in a folder its workspace may use: its own, {@code data/ferry/workspaces/<workspace>},
 * or one of the shared folders configuration {@value #PID} lists ({@code folders = /srv/exchange, /mnt/in}); the
 * folder is judged where it really is, after {@code ..} and symbolic links. A JDBC URL must not be Ferry's own store.
 * Checked whenever a registration is resolved (registered, updated, started), so a registration outside them waits
 * with the reason.
 */
@Component(service = Confinement.class, configurationPid = Confinement.PID)
public class Confinement {

    public static final String PID = "dev.ferry.confinement";
    public static final String FOLDERS = "folders";

    private static final Logger LOG = LoggerFactory.getLogger(Confinement.class);

    @Reference
    private StoreSchema store;
    private volatile List<Path> shared = List.of();

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        List<Path> folders = new ArrayList<>();
        Object listed = config.get(FOLDERS);
        for (String entry : listed == null ? new String[0] : String.valueOf(listed).split(",")) {
            String folder = entry.trim();
            if (folder.isEmpty()) {
                continue;
            }
            try {
                Path path = Path.of(folder);
                if (path.isAbsolute()) {
                    folders.add(real(path));
                    continue;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            LOG.warn("{}.cfg: '{}' in {} is not an absolute folder; it is left out", PID, folder, FOLDERS);
        }
        shared = List.copyOf(folders);
    }

    /** The folders a workspace's registrations may use: its own, then the shared ones. */
    public List<Path> folders(String workspace) {
        List<Path> folders = new ArrayList<>();
        String data = System.getProperty("karaf.data");
        if (data != null) {
            folders.add(real(Path.of(data, "ferry", "workspaces", workspace)));
        }
        folders.addAll(shared);
        return folders;
    }

    /** Why a setting's value is out of the workspace's reach, or empty when it may be used. */
    public Optional<String> problem(String workspace, ConfigType type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (type == ConfigType.PATH) {
            return folderProblem(value, folders(workspace), workspace);
        }
        if (type == ConfigType.URI && store != null && store.url() != null && sameDatabase(value, store.url())) {
            return Optional.of("is Ferry's own store: no registration reads or writes it");
        }
        return Optional.empty();
    }

    /** Why a folder is not in one of {@code allowed}, or empty. */
    static Optional<String> folderProblem(String value, List<Path> allowed, String workspace) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            return Optional.of("'" + value + "' is not a path");
        }
        if (!path.isAbsolute()) {
            return Optional.of("'" + value + "' is not an absolute folder");
        }
        Path real = real(path);
        if (allowed.stream().anyMatch(real::startsWith)) {
            return Optional.empty();
        }
        return Optional.of("'" + value + "'" + (real.equals(path) ? "" : " (really " + real + ")") + " is outside the"
                + " folders workspace " + workspace + " may use: " + allowed + " (more in etc/" + PID + ".cfg, "
                + FOLDERS + " = /a/folder, /another)");
    }

    /** Where a path really is: its existing part with symbolic links and {@code ..} resolved, the rest normalised. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            real = existing;
        }
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real.normalize();
    }

    /**
     * Whether two JDBC URLs name one database: the same embedded Derby folder, or the same host, port and database of
     * a server (parameters left out, {@code localhost} and {@code 127.0.0.1} alike).
     */
    static boolean sameDatabase(String a, String b) {
        String x = database(a);
        return x != null && x.equals(database(b));
    }

    private static String database(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return null;
        }
        String rest = url.substring(5);
        if (rest.regionMatches(true, 0, "derby:", 0, 6) && !rest.substring(6).startsWith("//")) {
            String folder = rest.substring(6).split(";", 2)[0];
            if (folder.regionMatches(true, 0, "directory:", 0, 10)) {
                folder = folder.substring(10);
            }
            if (folder.startsWith("memory:") || folder.isBlank()) {
                return null;
            }
            try {
                return "derby:" + real(Path.of(folder));
            } catch (InvalidPathException e) {
                return null;
            }
        }
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String kind = rest.substring(0, colon).toLowerCase(Locale.ROOT);
        try {
            URI uri = new URI(rest.substring(colon + 1).split(";", 2)[0]);
            if (uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            host = host.equals("localhost") || host.equals("::1") || host.equals("[::1]") ? "127.0.0.1" : host;
            int port = uri.getPort() >= 0 ? uri.getPort() : switch (kind) {
                case "postgresql" -> 5432;
                case "mariadb", "mysql" -> 3306;
                case "derby" -> 1527;
                default -> -1;
            };
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "");
            return kind.replace("mysql", "mariadb") + "://" + host + ":" + port + "/" + path;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}

package dev.ferry.platform.api;

import java.util.List;

/**
 * A connector in the catalog: what it is, which versions of it are installed and which of them serves which products
 * (and why), the settings a connection takes (secrets marked) and its modules.
 *
 * @param serving     the highest installed version: the one that serves every product whose range takes it
 * @param versions    every installed version, the highest first
 * @param connection  the settings a connection takes, as the serving version declares them
 * @param modules     its modules (kinds of data object), as the serving version declares them
 * @param usedBy      the loaded product versions that use it, each with the versions it takes and the one serving it
 */
public record InstalledConnector(String id, String name, String vendor, String description, String serving,
                                 List<Version> versions, List<Setting> connection, List<Module> modules,
                                 List<Use> usedBy) {

    /**
     * An installed version.
     *
     * @param bundleId the bundle it came from (of two bundles with one version, the one installed first serves)
     * @param bundle   that bundle's symbolic name and version
     * @param role     {@code serving} (it serves at least one product, or is the highest version) or {@code standing by}
     * @param why      why it serves or stands by, in a user's words
     * @param serves   the product versions it serves ({@code id@version})
     */
    public record Version(String version, long bundleId, String bundle, String role, String why, List<String> serves) {
    }

    /**
     * A setting of a connection or of a module's data object.
     *
     * @param type   its value type ({@code string}, {@code integer}, {@code boolean}, {@code uri}, ...)
     * @param secret whether its value is a secret: kept encrypted, masked wherever it is shown
     */
    public record Setting(String name, String type, boolean required, boolean secret, String defaultValue,
                          String description) {
    }

    /**
     * A module: one kind of data object.
     *
     * @param serviceTypes  the sides it offers ({@code cache-writer}, {@code action-processor})
     * @param operations    the action operations it takes
     * @param objectOptions the settings each data object of it takes
     */
    public record Module(String name, String description, List<String> serviceTypes, List<String> operations,
                         List<Setting> objectOptions) {
    }

    /**
     * A product version that uses the connector.
     *
     * @param range    the versions it works with ({@code any} when it names none)
     * @param servedBy the installed version that serves it, or null when none in its range is installed
     * @param state    {@code served}, or {@code connector missing: ...} (its registrations wait, its runs fail fast)
     */
    public record Use(String product, String productVersion, String range, String servedBy, String state) {
    }
}

package dev.ferry.platform.api;

import java.util.List;
import java.util.Map;

/** The connector catalog: the connectors installed, their versions and which version serves which product. */
public interface ConnectorService {

    /** Every installed connector, by id. */
    List<InstalledConnector> list();

    /**
     * One connector.
     *
     * @throws NotFoundException when no version of it is installed
     */
    InstalledConnector get(String id);

    /**
     * The data objects a connection of the connector (its highest installed version) can see, with their fields and
     * keys, for a product author to pick from.
     *
     * @param connection the connection's settings, as a product's service gives them
     * @throws NotFoundException       when the connector is not installed
     * @throws InvalidInputException   naming each setting that is missing, unknown or malformed
     * @throws ExternalSystemException when the system cannot be reached or refuses the connection (no secret in it)
     */
    List<DiscoveredDataObject> discover(String id, Map<String, String> connection);
}

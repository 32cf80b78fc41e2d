package dev.ferry.platform.api;

import java.util.List;

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
}

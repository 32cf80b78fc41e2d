package dev.ferry.engine.registration;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.descriptor.ProductDescriptor.ServiceDef;

/**
 * A product's service with a registration's values filled in, ready to run on its connector; it is also the
 * context its action processor gets.
 */
public record ResolvedService(ServiceDef def, ServiceType type, Connector connector, Config connection,
                              DataObject object, ReadMode mode) implements ActionContext {

    public String id() {
        return def.id();
    }
}

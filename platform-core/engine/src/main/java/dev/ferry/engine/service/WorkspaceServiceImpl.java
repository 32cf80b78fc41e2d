package dev.ferry.engine.service;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NewWorkspace;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.Workspace;
import dev.ferry.platform.api.WorkspaceService;
import dev.ferry.platform.api.WorkspaceType;
import dev.ferry.store.FlowCopies;
import dev.ferry.store.Registrations;
import dev.ferry.store.Store;
import dev.ferry.store.WorkspaceEntity;
import dev.ferry.store.Workspaces;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

@Component(service = WorkspaceService.class)
public class WorkspaceServiceImpl implements WorkspaceService {

    static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";

    @Reference
    private Store store;
    @Reference
    private ActivityRecorder activity;

    @Override
    public Workspace create(NewWorkspace request, String actor) {
        // not trimmed: a name with a space or line break around it is refused, not changed silently
        String name = request.name() == null ? "" : request.name();
        if (!name.matches(NAME)) {
            String shown = name.length() > 70 ? name.substring(0, 70) + "…" : name;
            throw new InvalidInputException("name", "'" + shown.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0")
                    + "' must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        String description = request.description() == null ? "" : request.description().trim();
        if (description.length() > 1000) {
            throw new InvalidInputException("description", "is longer than 1000 characters");
        }
        WorkspaceType type = request.type() == null ? WorkspaceType.STANDARD : request.type();
        WorkspaceEntity created = Conflicts.onDuplicate("workspace '" + name + "' exists already", () -> store.inTransaction(em -> {
            if (em.find(WorkspaceEntity.class, name) != null) {
                throw new ConflictException("workspace '" + name + "' exists already");
            }
            WorkspaceEntity w = new WorkspaceEntity();
            w.name = name;
            w.type = type.name();
            w.description = description;
            w.createdAt = Instant.now();
            em.persist(w);
            return w;
        }));
        Workspace view = view(created);
        activity.record(new Activity("workspace.created", actor, null, name, null,
                "workspace " + name + " (" + type.label() + ") created", null, RecordJson.write(view)));
        return view;
    }

    @Override
    public List<Workspace> list() {
        return store.inTransaction(em -> Workspaces.all(em).stream().map(WorkspaceServiceImpl::view).collect(Collectors.toList()));
    }

    @Override
    public Workspace get(String name) {
        WorkspaceEntity w = store.inTransaction(em -> em.find(WorkspaceEntity.class, name));
        if (w == null) {
            throw new NotFoundException("workspace", name);
        }
        return view(w);
    }

    @Override
    public void remove(String name, String actor) {
        Workspace before = get(name);
        store.run(em -> {
            List<String> registrations = Registrations.list(em, name).stream().map(r -> r.id).toList();
            if (!registrations.isEmpty()) {
                throw new ConflictException("workspace '" + name + "' still has " + registrations.size() + " registration(s): "
                        + String.join(", ", registrations) + "; remove them first (ferry:registration-remove)");
            }
            FlowCopies.of(em, name).forEach(em::remove);
            dev.ferry.store.ApiTokenEntity.of(em, name).forEach(em::remove);
            em.remove(em.find(WorkspaceEntity.class, name));
        });
        activity.record(new Activity("workspace.removed", actor, null, name, null, "workspace " + name
                + " removed with its API tokens (its run history and activity stay)", RecordJson.write(before), null));
    }

    private static Workspace view(WorkspaceEntity w) {
        return new Workspace(w.name, WorkspaceType.valueOf(w.type), w.description, w.createdAt);
    }
}

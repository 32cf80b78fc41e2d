package dev.ferry.platform.api;

import java.util.List;

/** Workspaces: create and list. */
public interface WorkspaceService {

    /**
     * @throws InvalidInputException when the name is not a lower-case slug or the type is unknown
     * @throws ConflictException     when the name is taken
     */
    Workspace create(NewWorkspace request, String actor);

    List<Workspace> list();

    /** @throws NotFoundException */
    Workspace get(String name);
}

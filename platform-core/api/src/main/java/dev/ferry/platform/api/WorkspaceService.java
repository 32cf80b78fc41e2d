package dev.ferry.platform.api;

import java.util.List;

/** Workspaces: create, list and remove. */
public interface WorkspaceService {

    /**
     * @throws InvalidInputException when the name is not a lower-case slug or the type is unknown
     * @throws ConflictException     when the name is taken
     */
    Workspace create(NewWorkspace request, String actor);

    List<Workspace> list();

    /** @throws NotFoundException */
    Workspace get(String name);

    /**
     * Removes a workspace with its flow-template copies; its run history and activity stay.
     *
     * @throws NotFoundException when there is no such workspace
     * @throws ConflictException naming its registrations while it has some
     */
    void remove(String name, String actor);
}

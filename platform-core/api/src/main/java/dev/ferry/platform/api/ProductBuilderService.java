package dev.ferry.platform.api;

import java.util.List;

/**
 * The Integration Builder: products authored in Ferry. A descriptor is uploaded as a draft of its version (checked
 * as a product bundle's would be), edited while it is a draft, and published: Ferry writes the version's Karaf
 * feature, its descriptor bundle and the code it refers to (shared flows, processors, connectors not shipped with
 * Ferry) into its product repository, from which {@code feature:install} installs it on this or any other node.
 * Each product's drafts are registered and run in a development workspace of its own.
 */
public interface ProductBuilderService {

    /** @throws InvalidInputException listing every problem of the descriptor, each with its path */
    void validate(String descriptor);

    /**
     * Stores a new draft and loads it as a product (lifecycle draft); the first draft of a product makes its
     * development workspace and registers the draft there when its configs' defaults allow.
     *
     * @throws InvalidInputException listing every problem; nothing is stored
     * @throws ConflictException     when that version exists already (as a draft, published, or from a bundle)
     */
    ProductDraft upload(String descriptor, String actor);

    /**
     * Replaces a draft's descriptor (same id and version); its registrations run the new one from their next run.
     * With {@code product} and {@code version} null, the draft is the one the descriptor names.
     *
     * @throws InvalidInputException listing every problem; nothing changes
     * @throws ConflictException     when the version is published
     */
    ProductDraft update(String product, String version, String descriptor, String actor);

    /** @throws NotFoundException */
    ProductDraft get(String product, String version);

    List<ProductDraft> list();

    /**
     * Publishes a draft into the product repository.
     *
     * @throws InvalidInputException when the descriptor no longer checks out (a shared flow it names was removed)
     * @throws ConflictException     when it is published already
     */
    Publication publish(String product, String version, String actor);
}

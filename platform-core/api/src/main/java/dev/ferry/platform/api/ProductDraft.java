package dev.ferry.platform.api;

import java.time.Instant;

/**
 * A product version authored in Ferry: uploaded as a draft (registrable in development workspaces only), edited,
 * then published into Ferry's product repository.
 *
 * @param status               {@code draft} or {@code published}
 * @param developmentWorkspace the workspace the product's drafts are registered and run in
 * @param registration         the draft's registration there, or null when it could not be made ({@code note} says why)
 * @param note                 what the upload did besides storing the draft, or null
 * @param featuresUrl          once published: the Karaf features repository to add ({@code feature:repo-add}) on any
 *                             node that can reach Ferry's product repository
 */
public record ProductDraft(String product, String version, String name, String status, String developmentWorkspace,
                           String registration, String note, Instant createdAt, Instant updatedAt, String updatedBy,
                           Instant publishedAt, String publishedBy, String featuresUrl) {
}

package dev.ferry.platform.api;

import java.util.List;

/**
 * A product version written into Ferry's product repository (a Maven-layout folder, {@code data/ferry/repository}).
 *
 * @param repository  the repository's folder on this node
 * @param featuresUrl the features repository to add on a node: {@code feature:repo-add <featuresUrl>}
 * @param feature     the feature to install then: {@code feature:install <feature>}
 * @param files       the files written, relative to the repository
 */
public record Publication(String product, String version, String repository, String featuresUrl, String feature,
                          List<String> files) {
}

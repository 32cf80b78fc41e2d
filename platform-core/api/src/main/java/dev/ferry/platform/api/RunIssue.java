package dev.ferry.platform.api;

/** A record a run could not take: the step, where in the source, and why. */
public record RunIssue(String step, String location, String reason) {
}

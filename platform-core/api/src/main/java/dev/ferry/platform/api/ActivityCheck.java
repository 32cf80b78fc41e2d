package dev.ferry.platform.api;

/**
 * What checking the activity log's hash chain found.
 *
 * @param intact    whether every chained entry is as it was written and none is missing between them
 * @param checked   the entries whose hash was checked
 * @param unchained the entries written before the chain began (not checked)
 * @param entry     the first entry found changed, or the first after a missing one (null when intact)
 * @param problem   what was found there, in words (null when intact)
 */
public record ActivityCheck(boolean intact, long checked, long unchained, Long entry, String problem) {
}

package dev.ferry.platform.api;

/** The key that encrypts secret configs at rest. */
public interface SecretService {

    /**
     * Makes a new key and re-encrypts every secret config value under it (those stored in clear before Ferry
     * encrypted them, too), then forgets the old key.
     *
     * @return the new key's id and how many values were encrypted again
     */
    Rotation rotate(String actor);

    /** @param key the new key's id (not the key) */
    record Rotation(String key, int values) {
    }
}

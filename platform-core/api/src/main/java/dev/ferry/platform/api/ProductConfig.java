package dev.ferry.platform.api;

/** An integration config a product declares (a registration gives it a value). */
public record ProductConfig(String name, String type, boolean required, String defaultValue, boolean secret,
                            String description) {
}

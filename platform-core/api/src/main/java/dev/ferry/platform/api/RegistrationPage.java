package dev.ferry.platform.api;

import java.util.List;

/** A page of a product's registrations: {@code total} is how many match the filters. */
public record RegistrationPage(String product, List<ProductRegistration> items, int total, int offset, int limit) {
}

package dev.ferry.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A vendor's product (or shared-flow) bundle holding only its descriptor, as the tests install them. */
final class DescriptorJars {

    private DescriptorJars() {
    }

    static Path product(String symbolicName, String descriptor) throws IOException {
        return jar(symbolicName, "Ferry-Product", "META-INF/ferry/product.json", descriptor);
    }

    static Path jar(String symbolicName, String header, String entry, String descriptor) throws IOException {
        Path jar = Files.createTempFile(symbolicName, ".jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", "1.0.0");
        manifest.getMainAttributes().putValue(header, entry);
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new java.util.zip.ZipEntry(entry));
            out.write(descriptor.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}

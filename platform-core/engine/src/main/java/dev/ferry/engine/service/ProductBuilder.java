package dev.ferry.engine.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.engine.ConnectorRegistry;
import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.descriptor.DescriptorException;
import dev.ferry.engine.descriptor.DescriptorReader;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.ProductDescriptor.StageDef;
import dev.ferry.engine.expression.FlowLanguages;
import dev.ferry.engine.flow.FlowProcessors;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.product.SharedFlowCatalog;
import dev.ferry.platform.api.ConflictException;
import dev.ferry.platform.api.FerryException;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.InvalidInputException.Problem;
import dev.ferry.platform.api.NewRegistration;
import dev.ferry.platform.api.NewWorkspace;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.ProductBuilderService;
import dev.ferry.platform.api.ProductDraft;
import dev.ferry.platform.api.Publication;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.WorkspaceService;
import dev.ferry.platform.api.WorkspaceType;
import dev.ferry.store.ProductDraftEntity;
import dev.ferry.store.Store;
import dev.ferry.store.WorkspaceEntity;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

@Component(service = ProductBuilderService.class, immediate = true)
public class ProductBuilder implements ProductBuilderService {

    private static final Logger LOG = LoggerFactory.getLogger(ProductBuilder.class);
    /** The Maven group of published products; of the code bundles they bring. */
    static final String PRODUCTS_GROUP = "dev.ferry.products";
    static final String CODE_GROUP = "dev.ferry.code";
    /** Connectors Ferry ships, each as the Karaf feature ferry-connector-&lt;id&gt;. */
    private static final List<String> FERRY_CONNECTORS = List.of("file", "jdbc");
    private static final int MAX_DESCRIPTOR = 30_000;

    private final DescriptorReader reader = new DescriptorReader(FlowLanguages::problem);
    private final Runnable sharedFlowsChanged = this::loadDrafts;
    private BundleContext context;

    @Reference
    private Store store;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private SharedFlowCatalog sharedFlows;
    @Reference
    private ConnectorRegistry connectors;
    @Reference
    private FlowProcessors processors;
    @Reference
    private WorkspaceService workspaces;
    @Reference
    private RegistrationService registrations;
    @Reference
    private ActivityRecorder activity;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        loadDrafts();
        sharedFlows.addListener(sharedFlowsChanged);
    }

    @Deactivate
    void deactivate() {
        sharedFlows.removeListener(sharedFlowsChanged);
    }

    /** The stored drafts that no bundle has taken the place of, loaded as products (when they still check out). */
    private synchronized void loadDrafts() {
        for (ProductDraftEntity d : store.inTransaction(em -> em.createQuery(
                "select d from ProductDraftEntity d order by d.id", ProductDraftEntity.class).getResultList())) {
            if (catalog.loaded(d.productId, d.version).isPresent()) {
                continue;
            }
            try {
                catalog.loadDraft(read(d.descriptor), source(d));
            } catch (InvalidInputException | IllegalStateException e) {
                LOG.warn("Draft {} {} is not loaded: {}", d.productId, d.version, e.getMessage());
            }
        }
    }

    @Override
    public void validate(String descriptor) {
        read(descriptor);
    }

    @Override
    public synchronized ProductDraft upload(String descriptor, String actor) {
        ProductDescriptor d = read(descriptor);
        String id = ProductDraftEntity.id(d.id(), d.version());
        if (store.inTransaction(em -> em.find(ProductDraftEntity.class, id)) != null) {
            throw new ConflictException("product " + d.id() + " " + d.version() + " has a draft already: change it with"
                    + " PUT /products/" + d.id() + "/versions/" + d.version() + " (ferry:product-upload --update)");
        }
        if (catalog.loaded(d.id(), d.version()).isPresent() || catalog.descriptor(d.id(), d.version()).isPresent()) {
            throw new ConflictException("product " + d.id() + " " + d.version() + " is installed already; upload"
                    + " another version");
        }
        boolean firstOfProduct = store.inTransaction(em -> em.createQuery(
                "select count(d) from ProductDraftEntity d where d.productId = :p", Long.class)
                .setParameter("p", d.id()).getSingleResult()) == 0;
        Instant now = Instant.now();
        ProductDraftEntity e = new ProductDraftEntity();
        e.id = id;
        e.productId = d.id();
        e.version = d.version();
        e.descriptor = descriptor;
        e.status = "draft";
        e.createdAt = now;
        e.updatedAt = now;
        e.updatedBy = actor;
        store.run(em -> em.persist(e));
        catalog.loadDraft(d, source(e));
        activity.record(new Activity("product.uploaded", actor, d.id(), null, null, "draft " + d.id() + " " + d.version()
                + " uploaded", null, descriptor));
        String note = null;
        String registration = null;
        String workspace = developmentWorkspace(d.id());
        try {
            if (firstOfProduct && store.inTransaction(em -> em.find(WorkspaceEntity.class, workspace)) == null) {
                workspaces.create(new NewWorkspace(workspace, WorkspaceType.DEVELOPMENT,
                        "Development workspace of product " + d.id()), actor);
            }
            Registration r = registrations.register(new NewRegistration(d.id(), d.version(), workspace, Map.of(), false), actor); // a draft is tried, not refused
            registration = r.id();
        } catch (FerryException notRegistered) {
            note = "the draft is not registered in " + workspace + ": " + notRegistered.getMessage()
                    + "; register it there with the configs it needs";
        }
        return view(e, registration, note);
    }

    @Override
    public synchronized ProductDraft update(String product, String version, String descriptor, String actor) {
        ProductDescriptor d = read(descriptor);
        if (product == null || version == null) {
            product = d.id();
            version = d.version();
        }
        ProductDraftEntity e = find(product, version);
        if (!"draft".equals(e.status)) {
            throw new ConflictException("product " + product + " " + version + " is published; upload a new version");
        }
        if (!d.id().equals(product) || !d.version().equals(version)) {
            throw new InvalidInputException(List.of(new Problem(!d.id().equals(product) ? "id" : "version",
                    "is " + (!d.id().equals(product) ? d.id() : d.version()) + ", but the draft being changed is "
                            + product + " " + version)));
        }
        String before = e.descriptor;
        ProductDraftEntity saved = store.inTransaction(em -> {
            ProductDraftEntity x = em.find(ProductDraftEntity.class, e.id);
            x.descriptor = descriptor;
            x.updatedAt = Instant.now();
            x.updatedBy = actor;
            return x;
        });
        catalog.loadDraft(d, source(saved)); // its registrations are redeployed with it
        activity.record(new Activity("product.draft-updated", actor, product, null, null, "draft " + product + " "
                + version + " changed", before, descriptor));
        return view(saved, null, null);
    }

    @Override
    public ProductDraft get(String product, String version) {
        return view(find(product, version), null, null);
    }

    @Override
    public List<ProductDraft> list() {
        return store.inTransaction(em -> em.createQuery("select d from ProductDraftEntity d order by d.productId, d.createdAt",
                ProductDraftEntity.class).getResultList()).stream().map(d -> view(d, null, null)).toList();
    }

    @Override
    public synchronized Publication publish(String product, String version, String actor) {
        ProductDraftEntity e = find(product, version);
        if (!"draft".equals(e.status)) {
            throw new ConflictException("product " + product + " " + version + " was published on " + e.publishedAt
                    + " by " + e.publishedBy);
        }
        ProductDescriptor d = read(e.descriptor);
        Path repository = repository();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> bundles = new ArrayList<>();
        for (Bundle code : codeBundles(d)) {
            String coordinates = CODE_GROUP + "/" + code.getSymbolicName() + "/" + code.getVersion();
            if (!bundles.contains("mvn:" + coordinates)) {
                files.put(path(CODE_GROUP, code.getSymbolicName(), code.getVersion().toString(), "jar", null), read(code));
                bundles.add("mvn:" + coordinates);
            }
        }
        files.put(path(PRODUCTS_GROUP, product, version, "jar", null), productBundle(d, e.descriptor));
        bundles.add("mvn:" + PRODUCTS_GROUP + "/" + product + "/" + version);
        files.put(path(PRODUCTS_GROUP, product, version, "xml", "features"), features(d, bundles)
                .getBytes(StandardCharsets.UTF_8));
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = repository.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
                Files.write(tmp, f.getValue());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException io) {
            throw new FerryException("product " + product + " " + version + " could not be written to " + repository
                    + ": " + io.getMessage(), io);
        }
        Instant now = Instant.now();
        store.run(em -> {
            ProductDraftEntity x = em.find(ProductDraftEntity.class, e.id);
            x.status = "published";
            x.publishedAt = now;
            x.publishedBy = actor;
        });
        String featuresUrl = featuresUrl(product, version);
        activity.record(new Activity("product.published", actor, product, null, null, "product " + product + " "
                + version + " published to " + repository + " (" + featuresUrl + ")", null, null));
        LOG.info("Product {} {} is published to {}: feature:repo-add {} then feature:install {}", product, version,
                repository, featuresUrl, product);
        return new Publication(product, version, repository.toString(), featuresUrl, product, List.copyOf(files.keySet()));
    }

    /** The descriptor checked as a bundle's would be (with the shared flows installed), or every problem. */
    private ProductDescriptor read(String descriptor) {
        if (descriptor == null || descriptor.isBlank()) {
            throw new InvalidInputException("(body)", "the product descriptor (product.json) is required");
        }
        if (descriptor.length() > MAX_DESCRIPTOR) {
            throw new InvalidInputException("(body)", "is " + descriptor.length() + " characters; at most "
                    + MAX_DESCRIPTOR);
        }
        try {
            return reader.read("upload", descriptor.getBytes(StandardCharsets.UTF_8), sharedFlows);
        } catch (DescriptorException e) {
            throw e.asInvalidInput();
        }
    }


    private ProductDraftEntity find(String product, String version) {
        ProductDraftEntity e = store.inTransaction(em -> em.find(ProductDraftEntity.class, ProductDraftEntity.id(product, version)));
        if (e == null) {
            throw new NotFoundException("product draft", product + " " + version);
        }
        return e;
    }

    private static String source(ProductDraftEntity e) {
        return "draft uploaded by " + e.updatedBy;
    }

    /** The development workspace of a product: {@code <product>-dev}. */
    static String developmentWorkspace(String product) {
        return (product.length() > 59 ? product.substring(0, 59) : product) + "-dev";
    }

    private ProductDraft view(ProductDraftEntity e, String registration, String note) {
        String name = null;
        try {
            name = RecordJson.MAPPER.readTree(e.descriptor).path("name").asText(null);
        } catch (IOException ignored) {
            // stored descriptors were read before
        }
        String workspace = developmentWorkspace(e.productId);
        if (registration == null && note == null) {
            String candidate = workspace + ":" + e.productId;
            registration = registrations.list(workspace).stream().map(Registration::id).filter(candidate::equals)
                    .findFirst().orElse(null);
        }
        return new ProductDraft(e.productId, e.version, name, e.status, workspace, registration, note, e.createdAt,
                e.updatedAt, e.updatedBy, e.publishedAt, e.publishedBy,
                "published".equals(e.status) ? featuresUrl(e.productId, e.version) : null);
    }

    static String featuresUrl(String product, String version) {
        return "mvn:" + PRODUCTS_GROUP + "/" + product + "/" + version + "/xml/features";
    }

    /** Ferry's product repository: {@code ${karaf.data}/ferry/repository}. */
    static Path repository() {
        return Path.of(System.getProperty("karaf.data", "data"), "ferry", "repository");
    }

    /** A Maven-layout path: group as folders, artifact, version, {@code artifact-version[-classifier].type}. */
    static String path(String group, String artifact, String version, String type, String classifier) {
        return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version
                + (classifier == null ? "" : "-" + classifier) + "." + type;
    }

    /**
     * The bundles of the code the product refers to and Ferry does not ship: the shared flows its flows use, the
     * processors its stages name, its connectors other than Ferry's.
     */
    private List<Bundle> codeBundles(ProductDescriptor d) {
        List<Bundle> code = new ArrayList<>();
        for (FlowDef f : d.flows()) {
            if (f.shared() != null) {
                sharedFlows.installed().stream()
                        .filter(i -> i.descriptor().id().equals(f.shared().id())
                                && i.descriptor().version().equals(f.shared().resolved()))
                        .findFirst().flatMap(i -> bundleOf(i.source())).ifPresent(code::add);
            }
            for (StageDef s : f.allStages()) {
                if (s != null && s.processor() != null) {
                    Bundle b = processors.get(s.processor()).map(p -> FrameworkUtil.getBundle(p.getClass())).orElseThrow(() ->
                            new InvalidInputException("flows." + f.id() + ".processor", "processor '" + s.processor()
                                    + "' is not available on this node, so its code cannot be published with the product"));
                    code.add(b);
                }
            }
        }
        for (ProductDescriptor.ConnectorRef c : d.connectors()) {
            if (!FERRY_CONNECTORS.contains(c.id())) {
                connectors.serving(c.id(), c.version()).map(x -> FrameworkUtil.getBundle(x.getClass()))
                        .ifPresentOrElse(code::add, () -> {
                            throw new InvalidInputException("connectors", "connector '" + c + "' is not installed on"
                                    + " this node, so its bundle cannot be published with the product");
                        });
            }
        }
        return code;
    }

    /** The active bundle a catalog's source ("symbolic-name version") names. */
    private Optional<Bundle> bundleOf(String source) {
        String[] nameAndVersion = source.split(" ", 2);
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().equals(nameAndVersion[0])
                    && (nameAndVersion.length < 2 || b.getVersion().toString().equals(nameAndVersion[1]))) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** A bundle's jar, from where it was installed from. */
    private static byte[] read(Bundle bundle) {
        try (InputStream in = new URL(bundle.getLocation()).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FerryException("the code of bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                    + " cannot be read from " + bundle.getLocation() + ": " + e.getMessage(), e);
        }
    }

    /** The product's bundle: the descriptor as uploaded, its lifecycle published, under the Ferry-Product header. */
    static byte[] productBundle(ProductDescriptor d, String uploaded) {
        try {
            ObjectNode json = (ObjectNode) RecordJson.MAPPER.readTree(uploaded);
            json.put("lifecycle", "published");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", PRODUCTS_GROUP + "." + d.id());
            manifest.getMainAttributes().putValue("Bundle-Version", osgiVersion(d.version()));
            manifest.getMainAttributes().putValue("Bundle-Name", d.name());
            manifest.getMainAttributes().putValue(ProductCatalog.HEADER, "META-INF/ferry/product.json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
                jar.putNextEntry(new ZipEntry("META-INF/ferry/product.json"));
                jar.write(RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
                jar.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the product bundle could not be made: " + e.getMessage(), e);
        }
    }

    /** A semantic version as OSGi writes it: {@code 1.0.0-rc.1} → {@code 1.0.0.rc-1}. */
    static String osgiVersion(String version) {
        String[] mainAndQualifier = version.split("[-.]", 4);
        if (mainAndQualifier.length < 4) {
            return version;
        }
        return mainAndQualifier[0] + "." + mainAndQualifier[1] + "." + mainAndQualifier[2] + "."
                + mainAndQualifier[3].replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** The product's Karaf features repository: one feature that brings the platform, its connectors and bundles. */
    static String features(ProductDescriptor d, List<String> bundles) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<!-- published by Ferry's builder: feature:repo-add ").append(featuresUrl(d.id(), d.version()))
                .append(", then feature:install ").append(d.id()).append(" -->\n");
        xml.append("<features name=\"ferry-product-").append(d.id()).append("-").append(d.version())
                .append("\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n");
        xml.append("  <feature name=\"").append(d.id()).append("\" version=\"").append(osgiVersion(d.version()))
                .append("\" description=\"").append(escape(d.name())).append("\">\n");
        xml.append("    <feature>ferry-platform</feature>\n");
        for (String c : d.connectorIds()) {
            if (FERRY_CONNECTORS.contains(c)) {
                xml.append("    <feature>ferry-connector-").append(c).append("</feature>\n");
            }
        }
        for (String b : bundles) {
            xml.append("    <bundle>").append(escape(b)).append("</bundle>\n");
        }
        xml.append("  </feature>\n</features>\n");
        return xml.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}

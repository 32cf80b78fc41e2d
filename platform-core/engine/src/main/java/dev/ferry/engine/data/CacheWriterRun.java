package dev.ferry.engine.data;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.CacheTable;
import dev.ferry.store.CacheValueTable;
import dev.ferry.store.ServiceStates;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cache-writer step of a run: reads the service's data object a page at a time, labels each record against
 * the workspace cache, hands the changes to the flows, and stores each page's cache changes with the actions the
 * flows made of them in one transaction. After a full read, what was not seen is deleted the same way. The cursor
 * moves only after the whole read was taken.
 */
final class CacheWriterRun {

    private static final Logger LOG = LoggerFactory.getLogger(CacheWriterRun.class);

    /** The longest record key the cache keeps. */
    static final int MAX_KEY = 1000;

    /** Pages stored together in one transaction, counted in records. */
    private static final int RECORDS_A_TRANSACTION = 4 * DataPath.PAGE;

    /** A journal page waiting for its transaction. */
    private record StoredPage(long scope, int count, byte[] data) {
    }

    private final List<StoredPage> unstoredJournal = new ArrayList<>();
    /** The actions the flows made of the pages since the last flush, per target. */
    private PendingActions pending = new PendingActions();
    private int unstoredRecords;
    /** A cursor the connector said a stopped read may resume from, stored with the next flush. */
    private String checkpoint;
    private final DataPath path;
    private final ResolvedRegistration reg;
    private final ResolvedService svc;
    private final RunProgress run;
    private final String origin;
    private final long flows;
    private final Map<String, Long> targetScopes = new LinkedHashMap<>();
    private final Map<String, ActionHandOff> handOffs = new LinkedHashMap<>();
    /**
     * A cursor the connector checkpointed (or null), and what to run once the pages before it are stored (or null),
     * handed over in line with the pages.
     */
    private record Checkpoint(String resumeFrom, Runnable whenStored) {
    }

    /** The page the connector's thread is filling. */
    private List<Object> filling = new ArrayList<>(DataPath.PAGE);
    /** Handed over when the connector's call has ended, so the labelling thread stops waiting for pages. */
    private static final Object CALL_ENDED = new Object();
    /** Full pages and checkpoints on their way from the connector's thread to the one that labels and stores. */
    private final BlockingQueue<Object> handedOver = new ArrayBlockingQueue<>(2);
    /** Records labelled and stored so far (with {@link #emitted}, the progress the timeout watches). */
    private volatile long taken;
    /** Each thread's buffer for a record's canonical values, which it hashes ({@link HashedPage}). */
    private final Bytes connectorBuffer = new Bytes(1024);
    private final Bytes labellingBuffer = new Bytes(1024);
    /** The key field when the key is one field (its value is the key, as {@link RecordJson#key} makes it), or null. */
    private final String singleKey;
    private final List<dev.ferry.connector.api.data.FieldSpec> keyFields;
    /**
     * Whether the connector's thread builds fingerprinted records as they are emitted: set by the labelling thread
     * when most of a page's fingerprints were not in the cache (a first sync, a large change), so the records it will
     * need anyway are built while it labels, rather than by it; cleared when most are found unchanged again.
     */
    private volatile boolean buildAtOnce;
    private final long shape;
    private final Bytes journal = new Bytes(1 << 16);
    private long scope;
    private CacheIndex index;
    private long openNanos;
    private final AtomicLong rejected = new AtomicLong();
    /** Whether flows look records up in this service or run on demand from it: its records' values are kept then. */
    private final boolean keepValues;
    /**
     * Whether unchanged records' values are written too: when values are kept but none are stored yet (a lookup
     * named this service after its records were cached).
     */
    private Boolean backfill;
    private final List<CacheValueTable.Change> unstoredValues = new ArrayList<>();
    /** Records the connector emitted: the read's progress, watched for the service's timeout. */
    private volatile long emitted;
    /** Set when the read was given up: a late record must not be written. */
    private volatile boolean abandoned;

    CacheWriterRun(DataPath path, ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        this.path = path;
        this.reg = reg;
        this.svc = svc;
        this.run = run;
        this.origin = reg.id() + "/" + svc.id();
        this.singleKey = svc.object().primaryKey().size() == 1 ? svc.object().primaryKey().get(0) : null;
        this.flows = reg.product().flows().stream()
                .filter(f -> !f.from().isCloseOut() && !f.from().isOnDemand() && svc.id().equals(f.from().service())
                        && reg.runs(f.id())).count();
        this.keepValues = keepsValues(reg, svc.id());
        this.keyFields = svc.object().primaryKey().stream().map(k -> svc.object().field(k).orElseThrow()).toList();
        this.shape = shapeOf(svc);
    }

    /**
     * What a connector's fingerprints are taken under: the connector and its version, and the data object's fields
     * and key. A fingerprint stored under another shape does not match, so after an upgrade of the connector or a
     * change of the object each record is built once and compared by its values (and found unchanged, if it is).
     */
    static long shapeOf(ResolvedService svc) {
        Bytes b = new Bytes(256);
        dev.ferry.connector.api.ConnectorInfo info = svc.connector().info();
        b.putString(info.id());
        b.putString(info.version());
        b.putString(svc.object().name());
        for (dev.ferry.connector.api.data.FieldSpec f : svc.object().fields()) {
            b.putString(f.name());
            b.putString(f.type().name());
            b.put(f.required() ? 1 : 0);
        }
        for (String k : svc.object().primaryKey()) {
            b.putString(k);
        }
        return Hashing.hash(b.array(), b.size(), 0x5ba9e);
    }

    /** Whether a service's records' values are kept: an active flow looks records up in it or runs on demand from it. */
    static boolean keepsValues(ResolvedRegistration reg, String serviceId) {
        return reg.product().flows().stream().filter(f -> reg.runs(f.id())).anyMatch(f ->
                f.from().isOnDemand() && serviceId.equals(f.from().service())
                        || f.allStages().stream().anyMatch(s -> s != null && s.lookup() != null
                        && serviceId.equals(s.lookup().service())));
    }

    void execute() {
        try {
            read();
        } catch (RuntimeException | Error e) {
            closeSession();
            // the run ends here: its followers finish what was stored before it is closed
            handOffs.values().forEach(h -> {
                if (h != null) {
                    h.finish();
                    try {
                        h.join();
                    } catch (RuntimeException | Error followerFailure) {
                        e.addSuppressed(followerFailure);
                    }
                }
            });
            throw e;
        }
        closeSession();
        handOffs.values().forEach(h -> {
            if (h != null) {
                h.finish();
            }
        });
    }

    /** The read's context, once it began: it holds the step's session. */
    private volatile DataPath.Reading reading;

    /** Closes the connector's session of this step, once the read's records are stored. */
    private void closeSession() {
        DataPath.Reading r = reading;
        if (r != null) {
            DataPath.closeSession(reg, svc, r.session());
            r.session(java.util.Optional.empty());
        }
    }

    private void read() {
        Optional<String> cursor = path.store.inTransaction(em -> {
            var state = ServiceStates.findOrCreate(em, reg.workspace(), reg.id(), svc.id());
            scope = state.id;
            return svc.mode() == ReadMode.INCREMENTAL ? Optional.ofNullable(state.cursor) : Optional.<String>empty();
        });
        long began = System.nanoTime();
        // the connector's thread reads and fills pages; this one labels and stores them, so the two overlap
        DataPath.Reading context = new DataPath.Reading(svc, cursor) {
            @Override
            public boolean emit(DataRecord record) {
                return fill(record);
            }

            @Override
            public boolean emit(List<?> key, long fingerprint, java.util.function.Supplier<DataRecord> record) {
                java.util.function.Supplier<DataRecord> build = record;
                if (buildAtOnce) {
                    // most records are new or changed (a first sync): built here, as records handed over as they are
                    try {
                        DataRecord built = record.get();
                        build = () -> built;
                    } catch (IllegalArgumentException e) {
                        build = () -> {
                            throw e; // rejected when labelled, as any record that cannot be built
                        };
                    }
                }
                return fill(new HashedPage.Fingerprinted(key, fingerprint, build));
            }

            /** Adds a record to the page being filled, handing the page over once full; whether to go on. */
            private boolean fill(Object record) {
                if (abandoned) {
                    throw new IllegalStateException("this read was given up (it made no progress in time, or its"
                            + " records could not be stored)");
                }
                emitted++;
                filling.add(record);
                if (filling.size() >= DataPath.PAGE) {
                    handOver();
                }
                return run.cancelled() == null;
            }

            @Override
            public void reject(String location, String reason) {
                CacheWriterRun.this.reject(location, reason);
            }

            @Override
            public void checkpoint(String resumeFrom) {
                if (kept(resumeFrom) != null) {
                    handOver();
                    put(new Checkpoint(resumeFrom, null)); // stored once the pages before it are
                }
            }

            @Override
            public void checkpoint(String resumeFrom, Runnable whenStored) {
                handOver();
                put(new Checkpoint(kept(resumeFrom), java.util.Objects.requireNonNull(whenStored, "whenStored")));
            }

            /** The cursor, when it is one this read keeps. */
            private String kept(String resumeFrom) {
                return svc.mode() == ReadMode.INCREMENTAL && resumeFrom != null
                        && resumeFrom.length() <= CacheWriter.MAX_CURSOR_LENGTH ? resumeFrom : null;
            }
        };
        reading = context;
        Optional<String> next;
        try {
            CacheWriter reader = svc.connector().cacheWriter(svc.def().module());
            next = path.withTimeout(reg, svc, run, () -> emitted + taken, () -> {
                        context.session(DataPath.openSession(svc));
                        return reader.read(context);
                    },
                    new DataPath.HandedOver() {
                        @Override
                        public void takeOne(long millis) throws InterruptedException {
                            openIndex(); // while the connector starts its read
                            CacheWriterRun.this.takeOne(millis);
                        }

                        @Override
                        public void callEnded() {
                            handedOver.offer(CALL_ENDED); // wakes a waiting take at once; a full queue wakes it anyway
                        }
                    });
        } catch (StepFailedException e) {
            abandoned = true; // the connector's thread may still be going: nothing it emits now is taken
            throw e;
        } catch (ConnectorException e) {
            StepFailedException failure = new StepFailedException(reg.id(), reg.workspace(), svc.id(),
                    e.getMessage() + " [" + e.code() + "]", e);
            try {
                takeRest(); // what was read is taken; the cursor stays, so the next run reads the rest again
                flush();
                path.cache.compact(scope, reg.workspace(), index);
            } catch (RuntimeException pageFailure) {
                failure.addSuppressed(pageFailure);
            }
            throw failure;
        } catch (RuntimeException | Error e) {
            abandoned = true;
            throw e;
        }
        takeRest();
        flush();
        long readDone = System.nanoTime();
        if (run.cancelled() != null) {
            path.cache.compact(scope, reg.workspace(), index);
            DataPath.stopIfCancelled(reg, svc, run); // what was read is taken; the cursor stays
        }
        if (svc.mode() == ReadMode.FULL) {
            if (rejected.get() > 0) {
                // a record that could not be read was not seen either: it must not count as deleted
                LOG.warn("{}, step {}: deletions are not looked for in this run, because {} record(s) were rejected",
                        run, svc.id(), rejected);
            } else {
                sweep();
                flush();
            }
        }
        long swept = System.nanoTime();
        path.cache.compact(scope, reg.workspace(), index);
        if (next.isPresent() && !next.equals(cursor)) {
            saveCursor(next.get());
        }
        path.ledger.save(run);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}, step {}: cache loaded in {} ms (as the read began), read in {} ms, deletions looked for in {} ms,"
                    + " cache stored in {} ms", run, svc.id(), millis(openNanos), millis(readDone - began), millis(swept - readDone),
                    millis(System.nanoTime() - swept));
        }
    }

    /** A record's key in the cache: the key field's value, or the key fields as JSON. */
    private String keyOf(DataRecord r) {
        return singleKey != null ? String.valueOf(r.get(singleKey)) : RecordJson.key(svc.object().keyOf(r));
    }

    /**
     * A fingerprinted record's key from its raw key values, converted as {@link dev.ferry.connector.api.data.DataObject#toRecord(List)} converts them;
     * null when they do not make one (the record is then built, and rejected with the connector's reason).
     */
    private String keyOfRaw(List<?> raw) {
        if (raw == null || raw.size() != keyFields.size()) {
            return null;
        }
        List<Object> key = new ArrayList<>(raw.size());
        for (int k = 0; k < raw.size(); k++) {
            Object value;
            try {
                value = keyFields.get(k).type().coerce(raw.get(k));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (value == null) {
                return null;
            }
            key.add(value);
        }
        return singleKey != null ? String.valueOf(key.get(0)) : RecordJson.key(key);
    }

    /** Hands the page the connector filled to the labelling thread; waits while two are waiting there. */
    private void handOver() {
        if (!filling.isEmpty()) {
            put(new HashedPage(filling, this::keyOf, this::keyOfRaw, shape, MAX_KEY));
            filling = new ArrayList<>(DataPath.PAGE);
        }
    }

    private void put(Object item) {
        try {
            boolean handed = handedOver.offer(item);
            if (!handed) {
                // the labelling thread is behind: hash the records of the pages waiting for it, then of this one
                for (Object waiting : handedOver) {
                    if (waiting instanceof HashedPage page) {
                        page.help(connectorBuffer);
                    }
                }
                if (item instanceof HashedPage page) {
                    page.help(connectorBuffer);
                }
            }
            while (!handed && !(handed = handedOver.offer(item, 100, TimeUnit.MILLISECONDS))) {
                if (abandoned) {
                    throw new IllegalStateException("this read was given up (it made no progress in time, or its"
                            + " records could not be stored)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing records over", e);
        }
    }

    /** Labels and stores one page (or stores one checkpoint) the connector handed over, waiting up to millis. */
    private void takeOne(long millis) throws InterruptedException {
        Object item = handedOver.poll(millis, TimeUnit.MILLISECONDS);
        if (item != null) {
            take(item);
        }
    }

    /**
     * Loads the service's cache index, once: on the labelling thread as it waits for the connector's first page, so
     * loading it (a tenth of a second for a million records) and starting the read overlap.
     */
    private void openIndex() {
        if (index == null) {
            long began = System.nanoTime();
            index = path.cache.open(scope);
            openNanos = System.nanoTime() - began;
        }
    }

    /** Once the connector's call ended: what it handed over and the page it was filling. */
    private void takeRest() {
        openIndex();
        Object item;
        while ((item = handedOver.poll()) != null) {
            take(item);
        }
        handOver();
        while ((item = handedOver.poll()) != null) {
            take(item);
        }
    }

    private void take(Object item) {
        if (item == CALL_ENDED) {
            return;
        }
        if (item instanceof Checkpoint c) {
            if (c.resumeFrom() != null) {
                checkpoint = c.resumeFrom();
            }
            flush();
            if (c.whenStored() != null) {
                try {
                    c.whenStored().run();
                } catch (RuntimeException e) {
                    LOG.warn("{}, step {}: the connector failed when told its records were stored: {}", run, svc.id(),
                            e.toString());
                }
            }
        } else {
            HashedPage page = (HashedPage) item;
            page.complete(labellingBuffer);
            writePage(page);
            taken += page.size();
        }
    }

    /** Labels a page of records, passes the changes on and stores both. */
    private void writePage(HashedPage page) {
        if (page.size() == 0) {
            return;
        }
        List<CacheEvent> events = new ArrayList<>();
        long unchanged = 0;
        int fingerprinted = 0;
        int missed = 0;
        for (int i = 0; i < page.size(); i++) {
            String key = page.keys[i];
            byte[] keyBytes = page.keyBytes[i];
            long keyHash = page.keyHashes[i];
            long valueHash = page.valueHashes[i];
            DataRecord r;
            boolean asStored = false; // a fingerprinted record whose values are the stored ones: its fingerprint replaces their hash
            if (page.fingerprinted[i] && keyBytes != null) {
                fingerprinted++;
                CacheIndex.Looked looked = index.look(keyHash, valueHash);
                if (looked == CacheIndex.Looked.SAME) {
                    unchanged++;
                    if (keepValues && backfill() && (r = built(page, i)) != null) {
                        unstoredValues.add(new CacheValueTable.Change(keyHash, key, CacheValues.encode(svc.object(), r.values())));
                    }
                    continue;
                }
                missed++;
                if ((r = built(page, i)) == null) {
                    continue;
                }
                asStored = looked == CacheIndex.Looked.OTHER
                        && index.look(keyHash, page.valueHashOfBuilt(i, labellingBuffer)) == CacheIndex.Looked.SAME;
            } else if (key == null) {
                // a fingerprinted record whose raw key makes no key: built, it is labelled as one handed over as it is
                // (or rejected with the connector's reason)
                if ((r = built(page, i)) == null) {
                    continue;
                }
                key = keyOf(r);
                if (key.length() <= MAX_KEY) {
                    keyBytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    keyHash = CacheIndex.keyHash(keyBytes);
                    valueHash = page.valueHashOfBuilt(i, labellingBuffer);
                }
            } else {
                r = page.fingerprinted[i] ? null : page.record(i); // a fingerprinted one here has a key too long
            }
            if (keyBytes == null) {
                reject("record " + key.substring(0, 40) + "…", "its key is longer than " + MAX_KEY + " characters");
                continue;
            }
            CacheIndex.Outcome outcome;
            try {
                outcome = index.put(keyHash, valueHash, key, keyBytes, journal);
            } catch (CacheIndex.KeyCollisionException e) {
                reject("record " + key, e.getMessage());
                continue;
            }
            if (asStored) {
                outcome = CacheIndex.Outcome.UNCHANGED; // the cache keeps its fingerprint from now on; nothing changed
            }
            switch (outcome) {
                case INSERTED -> events.add(new CacheEvent(CacheEvent.Kind.INSERTED, key, r.values(), origin));
                case UPDATED -> events.add(new CacheEvent(CacheEvent.Kind.UPDATED, key, r.values(), origin));
                default -> unchanged++;
            }
            if (keepValues && (outcome != CacheIndex.Outcome.UNCHANGED || backfill())) {
                unstoredValues.add(new CacheValueTable.Change(keyHash, key, CacheValues.encode(svc.object(), r.values())));
            }
        }
        if (fingerprinted > 0) {
            buildAtOnce = missed * 2 > fingerprinted;
        }
        long read = page.size();
        store(events);
        run.read(read);
        run.changes(count(events, CacheEvent.Kind.INSERTED), count(events, CacheEvent.Kind.UPDATED), 0, unchanged);
    }

    /** Fingerprinted record i, built; null when the connector could not build it (it is rejected). */
    private DataRecord built(HashedPage page, int i) {
        try {
            return page.record(i);
        } catch (IllegalArgumentException e) {
            reject(svc.object().name() + " key " + page.rawKey(i), e.getMessage());
            return null;
        }
    }

    private boolean backfill() {
        if (backfill == null) {
            backfill = !path.data.inTransaction(c -> CacheValueTable.any(c, scope));
        }
        return backfill;
    }

    /** After a full read: what the read did not see is deleted, a page at a time. */
    private void sweep() {
        openIndex();
        long[] position = {0};
        while (true) {
            DataPath.stopIfCancelled(reg, svc, run);
            List<CacheIndex.Unseen> gone = index.unseen(position, DataPath.PAGE);
            if (gone.isEmpty()) {
                return;
            }
            List<CacheEvent> events = new ArrayList<>(gone.size());
            for (CacheIndex.Unseen u : gone) {
                index.remove(u.keyHash(), u.key(), journal);
                if (keepValues) {
                    unstoredValues.add(new CacheValueTable.Change(u.keyHash(), u.key(), null));
                }
                events.add(new CacheEvent(CacheEvent.Kind.DELETED, u.key(), keyValues(u.key()), origin));
            }
            store(events);
            run.changes(0, 0, events.size(), 0);
        }
    }

    /** Hands a page's changes to the flows and stores the journal page and the actions in one transaction. */
    private void store(List<CacheEvent> events) {
        int listening = path.bus.publish(reg.id(), svc.id(), events, run, pending);
        if (listening < flows) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "only " + listening + " of its " + flows
                    + " flow(s) are running (the registration is being stopped or redeployed); the records of this page"
                    + " are not taken and will be read again", null);
        }
        int entries = events.size();
        byte[] delta = journalPage(entries);
        if (delta != null) {
            unstoredJournal.add(new StoredPage(scope, entries, delta));
        }
        unstoredRecords += DataPath.PAGE;
        if (unstoredRecords >= RECORDS_A_TRANSACTION) {
            flush();
        }
    }

    /**
     * Stores the pages written since the last flush in one transaction: their journal pages, and the actions their
     * flows made as one page per target (several cache pages a commit, since each commit waits for the store's disk,
     * and large action pages, since the target takes large statements faster).
     */
    private void flush() {
        List<PendingActions.Encoded> actions = pending.encoded();
        for (PendingActions.Encoded a : actions) {
            targetScopes.computeIfAbsent(a.target(), t -> path.scope(reg, t));
            handOffs.computeIfAbsent(a.target(), t -> path.handOff(reg, svc.id(), t, run));
        }
        pending = new PendingActions();
        if (unstoredJournal.isEmpty() && actions.isEmpty() && checkpoint == null && unstoredValues.isEmpty()) {
            return;
        }
        path.data.inTransaction(c -> {
            for (StoredPage j : unstoredJournal) {
                CacheTable.append(c, j.scope(), reg.workspace(), run.runId(), j.count(), j.data());
            }
            CacheValueTable.write(c, scope, reg.workspace(), unstoredValues);
            PendingActions.store(c, actions, targetScopes, reg.workspace(), run.runId());
            if (checkpoint != null) {
                ServiceStates.saveCursor(c, scope, checkpoint);
            }
            return null;
        });
        checkpoint = null;
        unstoredJournal.clear();
        unstoredValues.clear();
        unstoredRecords = 0;
        for (PendingActions.Encoded a : actions) {
            ActionHandOff h = handOffs.get(a.target());
            if (h != null) {
                h.pagesStored(a.count());
            }
        }
        if (run.dueForSave()) {
            path.ledger.save(run);
        }
        // the read waits for the target's side rather than piling the table up in the queue (see ActionHandOff)
        handOffs.values().forEach(h -> {
            if (h != null) {
                h.awaitRoom();
            }
        });
    }

    /** The journal entries written since the last page, framed with their count; null when there are none. */
    private byte[] journalPage(int changes) {
        if (journal.size() == 0) {
            return null;
        }
        Bytes out = new Bytes(journal.size() + 5);
        out.putVarint(changes);
        out.put(journal.array(), 0, journal.size());
        journal.reset();
        return out.toArray();
    }

    /** A deleted record's key fields, from its cache key: the cache keeps keys, not values. */
    private Map<String, Object> keyValues(String key) {
        List<String> fields = svc.object().primaryKey();
        Map<String, Object> values = new LinkedHashMap<>();
        if (fields.size() == 1) {
            values.put(fields.get(0), svc.object().field(fields.get(0)).orElseThrow().type().coerce(key));
            return values;
        }
        List<?> parts = RecordJson.readList(key);
        for (int i = 0; i < fields.size(); i++) {
            values.put(fields.get(i), svc.object().field(fields.get(i)).orElseThrow().type().coerce(parts.get(i)));
        }
        return values;
    }

    private void saveCursor(String cursor) {
        if (cursor.length() > CacheWriter.MAX_CURSOR_LENGTH) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '" + svc.def().connector()
                    + "' returned a cursor of " + cursor.length() + " characters (at most " + CacheWriter.MAX_CURSOR_LENGTH
                    + "); the records are taken, the read starts from the old cursor next time", null);
        }
        path.store.run(em -> {
            var state = ServiceStates.findOrCreate(em, reg.workspace(), reg.id(), svc.id());
            state.cursor = cursor;
            state.updatedAt = Instant.now();
        });
    }

    private void reject(String location, String reason) {
        rejected.incrementAndGet();
        path.ledger.reject(run, svc.id(), location, reason);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long count(List<CacheEvent> events, CacheEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}

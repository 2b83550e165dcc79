package io.altokit.provision.store;

import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.provision.ProvisioningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a {@link SnapshotStore} up to date with an {@link InformationBase}: whatever publishes a
 * snapshot (a reloaded file, a BGP update) has it saved, without waiting for the disk. Snapshots
 * published while a write is under way are coalesced; only the latest is written next.
 */
public final class SnapshotPersister implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPersister.class);

    private final SnapshotStore store;
    private final AtomicReference<Snapshot> unsaved = new AtomicReference<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "alto-state-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final InformationBase.Subscription subscription;

    private SnapshotPersister(InformationBase base, SnapshotStore store) {
        this.store = store;
        // Inline: taking a snapshot in only hands it to the writer thread, so publishing never waits for the disk.
        subscription = base.subscribe(update -> published(update.snapshot()), InformationBase.Delivery.inline());
    }

    /** Saves the current snapshot, then each one published until {@link #close()}. */
    public static SnapshotPersister attach(InformationBase base, SnapshotStore store) {
        return new SnapshotPersister(base, store);
    }

    private void published(Snapshot snapshot) {
        if (unsaved.getAndSet(snapshot) == null) {
            try {
                writer.execute(this::saveLatest);
            } catch (RejectedExecutionException e) {
                // Published while closing: the write under way, if any, is the last one.
            }
        }
    }

    private void saveLatest() {
        Snapshot snapshot = unsaved.getAndSet(null);
        long started = System.nanoTime();
        try {
            store.save(snapshot);
            LOG.atDebug().addKeyValue("file", store.file()).addKeyValue("vtag", snapshot.networkMap().vtag())
                    .addKeyValue("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .log("state file saved");
        } catch (ProvisioningException e) {
            LOG.atWarn().addKeyValue("file", store.file())
                    .log("state file not updated; a restart serves what it held before, if anything: {}", e.getMessage());
        }
    }

    /** Stops following the information base and waits for the pending write, so the file holds the latest snapshot. */
    @Override
    public void close() {
        subscription.close();
        writer.close();
    }
}

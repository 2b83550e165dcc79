package io.altokit.provision.store;

import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class SnapshotPersisterTest {

    @TempDir
    Path dir;

    @Test
    void savesTheCurrentSnapshotAndTheLatestPublishedByClose() {
        SnapshotStore store = new SnapshotStore(dir.resolve("state.bin"));
        InformationBase base = new InformationBase(SnapshotStoreTest.sample());
        SnapshotPersister persister = SnapshotPersister.attach(base, store);
        Snapshot last = null;
        for (int seed = 0; seed < 5; seed++) {
            last = SnapshotStoreTest.random(seed, 10, 100, 20);
            base.publish(last);
        }
        persister.close();
        SnapshotStoreTest.assertSameContent(store.load().orElseThrow(), last);
    }

    @Test
    void aFailingWriteNeitherDisturbsPublishingNorStopsLaterWrites() {
        SnapshotStore nowhere = new SnapshotStore(dir.resolve("missing-directory").resolve("state.bin"));
        InformationBase base = new InformationBase(SnapshotStoreTest.sample());
        Snapshot next = SnapshotStoreTest.random(1, 3, 10, 5);
        SnapshotPersister persister = SnapshotPersister.attach(base, nowhere);
        assertThatCode(() -> base.publish(next)).doesNotThrowAnyException();
        persister.close();
        assertThat(base.current()).isSameAs(next);
    }

    @Test
    void stopsFollowingOnClose() {
        SnapshotStore store = new SnapshotStore(dir.resolve("state.bin"));
        Snapshot first = SnapshotStoreTest.sample();
        InformationBase base = new InformationBase(first);
        SnapshotPersister.attach(base, store).close();
        base.publish(SnapshotStoreTest.random(2, 3, 10, 5));
        assertThat(store.load().orElseThrow().networkMap().vtag()).isEqualTo(first.networkMap().vtag());
    }
}

package io.altokit.server.update.tips;

import io.altokit.model.MediaTypes;
import io.altokit.server.http.Representation;
import io.altokit.server.update.Patch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9569 section 3: the updates graph's edges and its invariants (continuity, feasibility, right shift). */
class UpdatesGraphTest {
    private static UpdatesGraph.Content version(String name, String tag) {
        return new UpdatesGraph.Content("application/alto-networkmap+json", () -> Representation.of(bytes("{\"v\":\"" + name + "\"}")),
                Optional.ofNullable(tag));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A step that has only a merge patch. */
    private static List<Patch> steps(String mergePatch) {
        return List.of(new Patch(MediaTypes.MERGE_PATCH, bytes(mergePatch)));
    }

    private static String body(UpdatesGraph.Edge edge) {
        assertThat(edge).isInstanceOf(UpdatesGraph.Edge.Found.class);
        return new String(((UpdatesGraph.Edge.Found) edge).body().get().identity(), StandardCharsets.UTF_8);
    }

    private static String mediaType(UpdatesGraph.Edge edge) {
        return ((UpdatesGraph.Edge.Found) edge).mediaType();
    }

    @Test
    void aNewGraphHasVersionOneWithItsSnapshotAndWaitsForTheNext() {
        UpdatesGraph graph = new UpdatesGraph(version("1", "t1"), 8);
        assertThat(graph.startSeq()).isEqualTo(1);
        assertThat(graph.endSeq()).isEqualTo(1);
        assertThat(body(graph.edge(0, 1))).isEqualTo("{\"v\":\"1\"}");
        assertThat(mediaType(graph.edge(0, 1))).isEqualTo("application/alto-networkmap+json");
        assertThat(graph.edge(1, 2)).isInstanceOf(UpdatesGraph.Edge.Next.class);
        assertThat(graph.edge(0, 2)).as("the next snapshot is worth waiting for too").isInstanceOf(UpdatesGraph.Edge.Next.class);
        assertThat(graph.edge(2, 3)).as("beyond the long-poll window").isInstanceOf(UpdatesGraph.Edge.TooEarly.class);
        assertThat(graph.edge(1, 3)).isInstanceOf(UpdatesGraph.Edge.TooEarly.class);
    }

    @Test
    void everyStepIsAPatchOfItsKindAndSnapshotsGoToTheStartAndTheEnd() {
        UpdatesGraph graph = new UpdatesGraph(version("1", "t1"), 8);
        graph.add(steps("{\"p\":2}"), version("2", "t2"));
        graph.add(List.of(new Patch(MediaTypes.JSON_PATCH, bytes("[{\"op\":\"add\",\"path\":\"/p\",\"value\":3}]")),
                new Patch(MediaTypes.MERGE_PATCH, bytes("{\"p\":3,\"q\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]}"))), version("3", "t3"));
        assertThat(graph.startSeq()).isEqualTo(1);
        assertThat(graph.endSeq()).isEqualTo(3);
        assertThat(body(graph.edge(1, 2))).isEqualTo("{\"p\":2}");
        assertThat(mediaType(graph.edge(1, 2))).isEqualTo(MediaTypes.MERGE_PATCH);
        assertThat(body(graph.edge(2, 3))).isEqualTo("[{\"op\":\"add\",\"path\":\"/p\",\"value\":3}]");
        assertThat(mediaType(graph.edge(2, 3))).isEqualTo(MediaTypes.JSON_PATCH);
        assertThat(body(graph.edge(0, 1))).as("feasibility: the start has a snapshot").isEqualTo("{\"v\":\"1\"}");
        assertThat(body(graph.edge(0, 3))).isEqualTo("{\"v\":\"3\"}");
        assertThat(graph.edge(0, 2)).as("only the start and end keep their content").isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(graph.edge(1, 3)).as("the shortcut would be larger than the chain").isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(graph.edge(2, 2)).isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(graph.edge(3, 2)).isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(graph.edge(2, 4)).as("the next edge starts at the end").isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(graph.edge(3, 4)).isInstanceOf(UpdatesGraph.Edge.Next.class);
    }

    @Test
    void tagsFindTheirVersionAndPatchBytesAddUp() {
        UpdatesGraph graph = new UpdatesGraph(version("1", "t1"), 8);
        graph.add(steps("{\"p\":2}"), version("2", "t2"));
        graph.add(steps("{\"p\":33}"), version("3", "t3"));
        assertThat(graph.seqOf("t1")).contains(1L);
        assertThat(graph.seqOf("t2")).contains(2L);
        assertThat(graph.seqOf("t3")).contains(3L);
        assertThat(graph.seqOf("t9")).isEmpty();
        assertThat(graph.patchBytesFrom(1)).isEqualTo(7 + 8);
        assertThat(graph.patchBytesFrom(2)).isEqualTo(8);
        assertThat(graph.patchBytesFrom(3)).isZero();
    }

    @Test
    void aFullWindowCompactsToItsLastStepAndOlderEdgesAreGone() {
        UpdatesGraph graph = new UpdatesGraph(version("1", null), 3);
        graph.add(steps("{\"p\":2}"), version("2", null));
        graph.add(steps("{\"p\":3}"), version("3", null));
        assertThat(graph.startSeq()).isEqualTo(1);
        graph.add(steps("{\"p\":4}"), version("4", null));
        assertThat(graph.startSeq()).as("right shift: the start moves to the version before the newest").isEqualTo(3);
        assertThat(graph.endSeq()).isEqualTo(4);
        assertThat(body(graph.edge(3, 4))).as("a client waiting on the last step still gets it").isEqualTo("{\"p\":4}");
        assertThat(graph.edge(2, 3)).isInstanceOf(UpdatesGraph.Edge.Gone.class);
        assertThat(graph.edge(0, 2)).isInstanceOf(UpdatesGraph.Edge.Gone.class);
        assertThat(body(graph.edge(0, 3))).as("feasibility: the new start has its snapshot").isEqualTo("{\"v\":\"3\"}");
        assertThat(body(graph.edge(0, 4))).isEqualTo("{\"v\":\"4\"}");
        assertThat(graph.edge(4, 5)).isInstanceOf(UpdatesGraph.Edge.Next.class);
    }

    @Test
    void aRestartIsTheNextVersionAloneWithOnlyItsSnapshot() {
        UpdatesGraph graph = new UpdatesGraph(version("1", null), 8);
        graph.add(steps("{\"p\":2}"), version("2", null));
        graph.restart(version("3", null));
        assertThat(graph.startSeq()).isEqualTo(3);
        assertThat(graph.endSeq()).isEqualTo(3);
        assertThat(graph.edge(2, 3)).as("no patch from 2 exists").isInstanceOf(UpdatesGraph.Edge.Gone.class);
        assertThat(body(graph.edge(0, 3))).isEqualTo("{\"v\":\"3\"}");
    }

    @Test
    void aShortcutIsTheComposedMergePatchWhereItIsSmallerThanTheChain() {
        UpdatesGraph graph = new UpdatesGraph(version("1", "t1"), 8);
        graph.add(steps("{\"cost-map\":{\"a\":{\"b\":2}}}"), version("2", "t2"));
        graph.add(steps("{\"cost-map\":{\"a\":{\"b\":3}}}"), version("3", "t3"));
        graph.add(steps("{\"cost-map\":{\"a\":{\"c\":4}}}"), version("4", "t4"));
        assertThat(body(graph.edge(1, 3))).as("the cell changed twice is one cell").isEqualTo("{\"cost-map\":{\"a\":{\"b\":3}}}");
        assertThat(mediaType(graph.edge(1, 3))).isEqualTo(MediaTypes.MERGE_PATCH);
        assertThat(body(graph.edge(1, 4))).isEqualTo("{\"cost-map\":{\"a\":{\"b\":3,\"c\":4}}}");
        assertThat(body(graph.edge(2, 4))).isEqualTo("{\"cost-map\":{\"a\":{\"b\":3,\"c\":4}}}");

        graph.add(steps("{\"cost-map\":{\"a\":null}}"), version("5", "t5"));
        graph.add(steps("{\"cost-map\":{\"a\":{\"d\":1}}}"), version("6", "t6"));
        assertThat(graph.edge(4, 6)).as("no one merge patch merges into a member the chain removed")
                .isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(body(graph.edge(3, 5))).isEqualTo("{\"cost-map\":{\"a\":null}}");

        graph.add(List.of(new Patch(MediaTypes.JSON_PATCH, bytes("[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]"))), version("7", "t7"));
        assertThat(graph.edge(5, 7)).as("a step without a merge patch is not composed").isInstanceOf(UpdatesGraph.Edge.Missing.class);
        assertThat(graph.edge(7, 8)).isInstanceOf(UpdatesGraph.Edge.Next.class);
    }
}

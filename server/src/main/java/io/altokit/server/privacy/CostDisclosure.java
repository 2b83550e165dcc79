package io.altokit.server.privacy;

import io.altokit.core.Snapshot;
import io.altokit.model.CostMode;

import java.util.EnumSet;
import java.util.Set;

/** How much of the operator's costs a privacy policy lets a client see. */
public sealed interface CostDisclosure {

    /** The cost modes offered: numerical cost types are neither listed nor answered when absent. */
    Set<CostMode> modes();

    /** The costs as this disclosure shows them. */
    Snapshot apply(Snapshot snapshot);

    /** Every cost as configured, in both modes (the behaviour without a privacy section). */
    record Full() implements CostDisclosure {
        @Override
        public Set<CostMode> modes() {
            return EnumSet.allOf(CostMode.class);
        }

        @Override
        public Snapshot apply(Snapshot snapshot) {
            return snapshot;
        }
    }

    /** Ranks only (RFC 7285 ordinal mode): the order of costs, none of their figures. */
    record OrdinalOnly() implements CostDisclosure {
        @Override
        public Set<CostMode> modes() {
            return EnumSet.of(CostMode.ORDINAL);
        }

        @Override
        public Snapshot apply(Snapshot snapshot) {
            return snapshot;
        }
    }

    /**
     * Both modes over costs quantised into at most {@code levels} values per metric (the rule is in
     * {@link Snapshot#withQuantisedCosts(int)}), so ordinal answers have at most that many ranks too.
     */
    record Quantised(int levels) implements CostDisclosure {
        public Quantised {
            if (levels < 2) {
                throw new IllegalArgumentException("levels must be at least 2, got " + levels);
            }
        }

        @Override
        public Set<CostMode> modes() {
            return EnumSet.allOf(CostMode.class);
        }

        @Override
        public Snapshot apply(Snapshot snapshot) {
            return snapshot.withQuantisedCosts(levels);
        }
    }
}

package io.altokit.app.trial;

/** A peer's part in the paper's swarm: one super-seed, the others half seeders and half leechers. */
public enum Role {
    /** Holds the whole file from the start and seeds it for the whole run. */
    SUPER_SEED,
    /** Downloads the file, then keeps seeding it until the run ends. */
    SEEDER,
    /** Downloads the file and leaves. */
    LEECHER
}

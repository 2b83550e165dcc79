package io.altokit.tracker;

/** Where the tracker's ALTO guidance comes from. */
public enum AltoMode {
    /** The network map and cost map, fetched and revalidated periodically; ranking is local. */
    MAPS,
    /** The endpoint cost service, asked on every announce about a random sample of the swarm. */
    ECS,
    /** No ALTO server: peers are drawn at random. */
    NONE
}

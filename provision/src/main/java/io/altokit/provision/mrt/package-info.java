/**
 * Streaming reader of MRT files (RFC 6396) as BIRD's {@code mrt dump}, route collectors (RIPE RIS,
 * RouteViews) and GoBGP write them: RIB dumps (TABLE_DUMP_V2 with the RFC 8050 ADD-PATH variants, and the
 * older TABLE_DUMP) and BGP4MP / BGP4MP_ET update files. {@link io.altokit.provision.mrt.MrtReader} frames
 * and uncompresses; one class per record family decodes bytes into routes, with no I/O. Path attributes
 * and BGP messages are decoded by {@link io.altokit.provision.bgp.message}; damaged records are skipped
 * and counted in {@link io.altokit.provision.mrt.MrtStats}: what is fatal is the caller's policy.
 */
package io.altokit.provision.mrt;

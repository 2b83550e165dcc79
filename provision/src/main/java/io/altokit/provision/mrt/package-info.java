/**
 * Streaming reader of MRT routing table dumps (RFC 6396 TABLE_DUMP_V2, RFC 8050 ADD-PATH variants),
 * as BIRD's {@code mrt dump}, route collectors (RIPE RIS, RouteViews) and GoBGP write them. Path
 * attributes are decoded by {@link io.altokit.provision.bgp.message.AttributeDecoder}; damaged records
 * are skipped and counted in {@link io.altokit.provision.mrt.MrtStats}, never fatal.
 */
package io.altokit.provision.mrt;

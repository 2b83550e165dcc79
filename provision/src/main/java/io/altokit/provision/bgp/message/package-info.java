/**
 * BGP-4 messages on the wire (RFC 4271), free of sockets, threads and timers: the session lives
 * elsewhere and calls {@link io.altokit.provision.bgp.message.BgpCodec}.
 *
 * <p>Decoding never throws: it gives a {@link io.altokit.provision.bgp.message.DecodeResult} that is
 * either a {@link io.altokit.provision.bgp.message.BgpMessage} or the NOTIFICATION the session must
 * send before closing. UPDATE errors that RFC 7606 lets a speaker survive are repaired instead
 * (treat-as-withdraw, attribute discard) and listed in {@link
 * io.altokit.provision.bgp.message.Update#problems()}. Address family and prefixes use the
 * left-aligned bit layout of {@link io.altokit.model.IpBits}, so a route reaches core's prefix tables
 * without passing through {@link java.net.InetAddress}.
 */
package io.altokit.provision.bgp.message;

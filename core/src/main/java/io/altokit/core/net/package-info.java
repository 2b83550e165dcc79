/** What the listeners of every module share: {@link io.altokit.core.net.ListenException}, one-line bind failures. */
package io.altokit.core.net;

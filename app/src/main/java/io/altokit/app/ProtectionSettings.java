package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ReplyDecorator;
import io.altokit.server.protection.access.DirectoryFilter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the protection layer from the top-level sections of the YAML file (docs/security.md).
 * Files named there are relative to the network file's directory.
 */
final class ProtectionSettings {

    private ProtectionSettings() {
    }

    static Protection read(JsonNode root, Path configFile) {
        List<Guard> guards = new ArrayList<>();
        List<ReplyDecorator> decorators = new ArrayList<>();
        // Order matters: authentication names the caller first, so that access rules, rate limits and
        // privacy budgets can key on the client's name rather than only on its address.
        AuthSettings.read(root, configFile).ifPresent(guards::add);
        AccessSettings.read(root, configFile).ifPresent(rules -> {
            guards.add(rules);
            decorators.add(new DirectoryFilter(rules));
        });
        RateLimitSettings.read(root, configFile).ifPresent(guards::add);
        PrivacySettings privacy = PrivacySettings.read(root, configFile.toString());
        privacy.budget().ifPresent(guards::add); // last: it counts per caller as the guards before named it
        return new Protection(guards, decorators, privacy.policies());
    }
}

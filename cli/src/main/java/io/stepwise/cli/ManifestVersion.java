package io.stepwise.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version the jar manifest records, the commit it was built from (the
 * {@code git.properties} the build writes) and the Java that runs it.
 */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "stepwise " + (version == null ? "(development build)" : version),
            "commit " + commit(load()),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    static String commit(Properties git) {
        String id = git.getProperty("git.commit.id", "").strip();
        if (id.isEmpty()) {
            return "unknown (built without git)";
        }
        return id + ("true".equals(git.getProperty("git.dirty")) ? " (with uncommitted changes)" : "");
    }

    private static Properties load() {
        Properties git = new Properties();
        try (InputStream in = ManifestVersion.class.getResourceAsStream("git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            // no commit to show
        }
        return git;
    }
}

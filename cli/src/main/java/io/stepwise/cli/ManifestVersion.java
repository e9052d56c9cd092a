package io.stepwise.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the jar manifest records, and the Java that runs it. */
public final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "stepwise " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}

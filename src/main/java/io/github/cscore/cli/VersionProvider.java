package io.github.cscore.cli;

import io.github.cscore.metric.BuildInfo;

import picocli.CommandLine;

/** Reports the versions of cscore, DJL and the engine, as {@code cscore_build_info} does. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        return new String[] {"cscore " + build.version() + " (DJL " + build.djlVersion() + ", " + build.engine() + " "
                + build.engineVersion() + ")"};
    }
}

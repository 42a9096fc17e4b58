package io.github.cscore.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Which images a command reads: a Kermany-layout folder ({@code --data}) or two Fashion-MNIST classes. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Kermany-layout folder to read (train/NORMAL, "
            + "train/PNEUMONIA, ...); a seeded fifth of its train folder is the validation data.")
    Path data;

    @Option(names = "--fashion-mnist", split = ",", paramLabel = "CLASS,CLASS", hideParamSyntax = true, description = "Two Fashion-MNIST "
            + "classes instead, in label order (real photographs, from Debian's dataset-fashion-mnist), for example "
            + "Shirt and T-shirt/top: training images from its training file, validation images from its test file.")
    List<String> fashionMnist;

    /** Tells whether two Fashion-MNIST classes were asked for. */
    boolean isFashionMnist() {
        return fashionMnist != null && !fashionMnist.isEmpty();
    }

    /** The Fashion-MNIST classes, trimmed. */
    List<String> fashionClasses() {
        return isFashionMnist() ? fashionMnist.stream().map(String::trim).toList() : List.of();
    }

    /**
     * Refuses {@code --fashion-mnist} with other than two classes or together with {@code --data};
     * with {@code oneRequired}, also neither of them.
     */
    void check(String command, boolean oneRequired) {
        boolean mnist = isFashionMnist();
        if (oneRequired && data == null && !mnist) {
            throw new IllegalArgumentException(command + " needs either --data DIR or --fashion-mnist with two classes, "
                    + "but had no --data and no --fashion-mnist");
        }
        if (mnist && (fashionMnist.size() != 2 || data != null)) {
            throw new IllegalArgumentException("--fashion-mnist takes two classes and no --data, but had "
                    + fashionClasses() + (data != null ? " and --data" : ""));
        }
    }
}

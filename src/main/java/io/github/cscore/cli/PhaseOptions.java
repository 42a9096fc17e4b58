package io.github.cscore.cli;

import io.github.cscore.training.LearningRateSchedule;
import io.github.cscore.training.TrainingPhase;
import io.github.cscore.training.TrainingPlan;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The paper's two phases: {@code --transfer-epochs} with the backbone frozen, then {@code
 * --finetune-epochs}, starting from random weights or a {@code --backbone}.
 */
final class PhaseOptions implements OptionNames.Source {

    @Option(names = "--transfer-epochs", description = "Epochs with the backbone frozen (default: ${DEFAULT-VALUE}).")
    int transferEpochs = 1;

    @Option(names = "--finetune-epochs", description = "Epochs with the backbone trainable (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs = 5;

    @Option(names = "--backbone", paramLabel = "FILE", description = "Start the transfer phase from this backbone "
            + "instead of random weights; cscore pretrain writes one, with the same --architecture, --input and --width.")
    Path backbone;

    /** The plan: each phase with the schedule given, either of 0 epochs (not both). */
    TrainingPlan plan(LearningRateSchedule transfer, LearningRateSchedule finetune) {
        return TrainingPlan.builder()
                .addPhase(TrainingPhase.transfer(transferEpochs, transfer))
                .addPhase(TrainingPhase.finetune(finetuneEpochs, finetune))
                .build();
    }

    /** The backbone file, or null for random weights; a file that is not there is refused before any work. */
    Path backbone() {
        if (backbone != null && !Files.isRegularFile(backbone)) {
            throw new IllegalArgumentException("--backbone " + backbone + ": no such file (cscore pretrain writes one)");
        }
        return backbone;
    }

    @Override
    public Map<String, String> optionsByProperty() {
        return Map.of("transferEpochs", "--transfer-epochs", "finetuneEpochs", "--finetune-epochs");
    }
}

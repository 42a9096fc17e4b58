package io.github.cscore.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.cscore.model.Architecture;
import io.github.cscore.model.Network;
import io.github.cscore.model.NetworkConfig;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One SGD training step (forward, backward, parameter update) on a batch of 16 images at the demo
 * preset ({@link NetworkConfig#demo()}: 64x64, width 0.25, two units per stage, stem without
 * down-sampling), reported per image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ArchitectureTrainingStepBenchmark {

    private static final int BATCH = 16;

    @Param({"RESNET50_V2", "DENSENET201", "INCEPTION_V3"})
    public Architecture architecture;

    private Model model;
    private Trainer trainer;
    private Shape batchShape;

    /** Builds the network at the demo preset and initialises it in a trainer with plain SGD. */
    @Setup
    public void setUp() {
        Engine.getInstance().setRandomSeed(1);
        Network network = architecture.build(NetworkConfig.demo());
        model = Model.newInstance("bench");
        model.setBlock(network.block());
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build()));
        batchShape = new Shape(BATCH).addAll(network.inputShape());
        trainer.initialize(batchShape);
    }

    /** One training step; the batch's arrays live in a scope closed after the step. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void trainingStep() {
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDArray images = step.randomUniform(0, 1, batchShape);
            NDArray labels = step.randomInteger(0, 2, new Shape(BATCH), ai.djl.ndarray.types.DataType.FLOAT32);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(images));
                collector.backward(trainer.getLoss().evaluate(new NDList(labels), predictions));
            }
            trainer.step();
        }
    }

    /** Releases the trainer and the model. */
    @TearDown
    public void tearDown() {
        trainer.close();
        model.close();
    }
}

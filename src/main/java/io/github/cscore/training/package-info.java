/**
 * One assembly for a monitored training run: the network, the data, a {@link
 * io.github.cscore.training.TrainingPlan} of phases (a transfer phase with the backbone frozen,
 * then fine-tuning) with a learning-rate schedule per phase, the C-Score monitor and its sinks
 * (timeline, example maps, alert engine, exporter). {@code cscore demo} and {@code cscore study}
 * are thin command lines around {@link io.github.cscore.training.MonitoredTraining}.
 *
 * <pre>{@code
 * TrainingPlan plan = TrainingPlan.transferThenFinetune(1, 5, LearningRateSchedule.constant(1e-3f));
 * try (MonitoredTraining training = MonitoredTraining.builder()
 *         .setNetwork(Architecture.RESNET50_V2.build(NetworkConfig.demo()))
 *         .setData(TrainingDataSource.kermany(chestXray, 64, 0.2f, 1, 32))
 *         .setPlan(plan)
 *         .optTimeline(runFolder.resolve("timeline.jsonl"))
 *         .optAlerts(AlertEngine.ofDefaults())
 *         .build()) {
 *     training.run();
 * }
 * }</pre>
 */
package io.github.cscore.training;

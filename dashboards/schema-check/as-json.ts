// A type as JSON holds it: string enums become the union of their values (JSON has the value
// "fixed", never FieldColorModeId.Fixed); numeric enums already accept their numbers.
export type AsJson<T> = T extends string
  ? `${T}`
  : T extends ReadonlyArray<infer U>
    ? Array<AsJson<U>>
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;

import type { AnnotationQuery, Dashboard } from '@grafana/schema';

// The fields the Prometheus data source reads from an annotation query beside the common ones
// (Grafana's public/app/plugins/datasource/prometheus: annotationQuery / processEvents read expr,
// step, tagKeys, titleFormat, textFormat and useValueForTime from the annotation itself; newer
// versions move expr and step into target when the dashboard loads). @grafana/schema types the
// annotation without any data source's fields, so a Prometheus annotation needs them added here.
export interface PrometheusAnnotationFields {
  expr: string;
  step?: string;
  tagKeys?: string;
  titleFormat?: string;
  textFormat?: string;
  useValueForTime?: boolean;
}

// A dashboard whose annotations may be Prometheus queries; everything else is Grafana's type.
export type DashboardWithPrometheusAnnotations = Omit<Dashboard, 'annotations'> & {
  annotations?: { list?: Array<AnnotationQuery | (AnnotationQuery & PrometheusAnnotationFields)> };
};

/**
 * Chart.js, loaded on first use (a separate chunk: pages without charts never download it), with
 * only the controllers, elements and scales the reports draw.
 */
import type { Chart as ChartType } from 'chart.js';

let loading: Promise<typeof ChartType> | null = null;

/** The Chart class, registered once. */
export function loadChart(): Promise<typeof ChartType> {
	loading ??= import('chart.js').then((m) => {
		m.Chart.register(m.BarController, m.BarElement, m.LineController, m.LineElement, m.PointElement, m.CategoryScale, m.LinearScale, m.Tooltip, m.Legend, m.Filler);
		return m.Chart;
	});
	return loading;
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>Outlier Workbench: study outlier features in LLMs.</source>
        <translation>Outlier Workbench:研究大语言模型中的离群特征。</translation>
    </message>
    <message>
        <source>Workspace folder to open.</source>
        <translation>要打开的工作区文件夹。</translation>
    </message>
    <message>
        <source>Save the window to FILE and quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the first run whose name contains TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select feature dimension N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with a logarithmic colour scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show systematic dims only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tab N (0 heatmap, 1 systematic, 2 runs, …) or the tab named NAME (e.g. plots).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show scatter plot ID on the Plots tab (e.g. perplexity_vs_num_outliers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the plots and tables of DIR (a workspace or run folder) without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for --export.</source>
        <translation>--export 的输出文件夹。</translation>
    </message>
    <message>
        <source>Exported image width in pixels (1600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported image height in pixels (1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported image resolution (150).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outlier Workbench</source>
        <translation>Outlier Workbench</translation>
    </message>
</context>
<context>
    <name>owb::gui::MainWindow</name>
    <message>
        <source>Outlier Workbench</source>
        <translation>Outlier Workbench</translation>
    </message>
    <message>
        <source>Open a workspace folder (Ctrl+O).</source>
        <translation>打开一个工作区文件夹 (Ctrl+O)。</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>热力图(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Systematic outliers</source>
        <translation>系统性离群值(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run store</source>
        <translation>运行存储</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;scan Workspace</source>
        <translation>重新扫描工作区(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Outlier Workbench</source>
        <translation>关于 Outlier Workbench(&amp;A)</translation>
    </message>
    <message>
        <source>About Outlier Workbench</source>
        <translation>关于 Outlier Workbench</translation>
    </message>
    <message>
        <source>&lt;b&gt;Outlier Workbench&lt;/b&gt; %1&lt;br&gt;A workstation for studying outlier features in large language models.</source>
        <translation>&lt;b&gt;Outlier Workbench&lt;/b&gt; %1&lt;br&gt;用于研究大语言模型中离群特征的工作站。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>%1 – Outlier Workbench</source>
        <translation>%1 – Outlier Workbench</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation>正在扫描 %1…</translation>
    </message>
    <message>
        <source>Rescanning %1…</source>
        <translation>正在重新扫描 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in %1</source>
        <translation>
            <numerusform>%1 中有 %n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a run in the run store.</source>
        <translation>请在运行存储中选择一个运行。</translation>
    </message>
    <message>
        <source>No run folders found in this workspace.</source>
        <translation>此工作区中没有找到运行文件夹。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>This run has no layer_stats.json (seed-format folders have no hook x dimension matrix). Its systematic outliers are in the &quot;Systematic outliers&quot; tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run failed: %1

%2</source>
        <translation>此运行失败:%1

%2</translation>
    </message>
    <message>
        <source>This run has no outlier analysis (no layer_stats.json).</source>
        <translation>此运行没有离群值分析(没有 layer_stats.json)。</translation>
    </message>
    <message>
        <source>Could not read the heatmap:
%1</source>
        <translation>无法读取热力图:
%1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>选择一个运行以查看详情。</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹:%1</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型:%1</translation>
    </message>
    <message>
        <source>Status: %1 (mode %2, host %3)</source>
        <translation>状态:%1(模式 %2,主机 %3)</translation>
    </message>
    <message>
        <source>Started %1, finished %2</source>
        <translation>开始 %1,结束 %2</translation>
    </message>
    <message>
        <source>Elapsed: %1 s</source>
        <translation>耗时:%1 秒</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误:%1</translation>
    </message>
    <message>
        <source>Last log lines:</source>
        <translation>最后的日志行:</translation>
    </message>
    <message>
        <source>No run.json (a folder made by the seed tooling).</source>
        <translation>没有 run.json(由种子工具生成的文件夹)。</translation>
    </message>
    <message>
        <source>Systematic outliers: %1 from the %2; threshold %3</source>
        <translation>系统性离群值:%1,来自%2;阈值 %3</translation>
    </message>
    <message>
        <source>Heatmap: %1 hooks x %2 dims over %3 positions</source>
        <translation>热力图:%1 个钩子 x %2 个维度,共 %3 个位置</translation>
    </message>
    <message>
        <source>Perplexity: %1 (mean NLL %2 nats, %3 tokens)</source>
        <translation>困惑度:%1(平均 NLL %2 nats,%3 个词元)</translation>
    </message>
    <message>
        <source>&amp;Plots</source>
        <translation>图表(&amp;P)</translation>
    </message>
    <message>
        <source>Heatmap (PNG, SVG)</source>
        <translation>热力图 (PNG, SVG)</translation>
    </message>
    <message>
        <source>Scatter plot: %1 (PNG, SVG)</source>
        <translation>散点图:%1 (PNG, SVG)</translation>
    </message>
    <message>
        <source>Comparison table (CSV, JSON)</source>
        <translation>对比表 (CSV, JSON)</translation>
    </message>
    <message>
        <source>Systematic outliers table (CSV, JSON)</source>
        <translation>系统性离群值表 (CSV, JSON)</translation>
    </message>
    <message>
        <source>Runs table (CSV, JSON)</source>
        <translation>运行表 (CSV, JSON)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>owb::models</name>
    <message>
        <source>%1: file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not valid JSON (%2 at byte %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the top level is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has no valid feature_dim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2[%3] %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; has %3 rows, expected %4 (one per hook)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; row %3 has %4 values, expected %5 (hidden_size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact whole-run list (systematic_outliers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed top_features (per-batch criteria, deduplicated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed all_systematic_outliers (batch-concatenated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no systematic-outlier list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: none of systematic_outliers, top_features, all_systematic_outliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: format is &apos;%2&apos;, expected &apos;owb.layer_stats&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; is missing or not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; holds a value that is not a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: hidden_size is missing or not positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &apos;perplexity&apos; is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: folder not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no %2, %3, %4 or %5: not a run folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonPlots</name>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Total parameters (B)</source>
        <translation>总参数量 (十亿)</translation>
    </message>
    <message>
        <source>Active parameters (B)</source>
        <translation>激活参数量 (十亿)</translation>
    </message>
    <message>
        <source>Mean % of layers affected</source>
        <translation>受影响层的平均百分比</translation>
    </message>
    <message>
        <source>Median % of layers affected</source>
        <translation>受影响层的中位百分比</translation>
    </message>
    <message>
        <source>Mean % of sequence positions affected</source>
        <translation>受影响序列位置的平均百分比</translation>
    </message>
    <message>
        <source>Median % of sequence positions affected</source>
        <translation>受影响序列位置的中位百分比</translation>
    </message>
    <message>
        <source>Systematic outliers (batch-summed)</source>
        <translation>系统性离群值(按批次累加)</translation>
    </message>
    <message>
        <source>%1 vs %2</source>
        <translation>%1 与 %2</translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonRows</name>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no all_systematic_outliers list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonTableModel</name>
    <message>
        <source>%1: choose a .csv or .json file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the model catalog</source>
        <translation>来自模型目录</translation>
    </message>
    <message>
        <source>From the run&apos;s model_info</source>
        <translation>来自运行的 model_info</translation>
    </message>
    <message>
        <source>Length of all_systematic_outliers: per-batch records, a dim counted once per batch it qualified in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MoE</source>
        <translation>MoE</translation>
    </message>
    <message>
        <source>dense</source>
        <translation>稠密</translation>
    </message>
    <message>
        <source>The seed&apos;s calculate_metrics over all_systematic_outliers (batch-concatenated), in percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Total params (B)</source>
        <translation>总参数 (十亿)</translation>
    </message>
    <message>
        <source>Active params (B)</source>
        <translation>激活参数 (十亿)</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Systematic outliers</source>
        <translation>系统性离群值</translation>
    </message>
    <message>
        <source>Mean layer %</source>
        <translation>层 % 均值</translation>
    </message>
    <message>
        <source>Median layer %</source>
        <translation>层 % 中位数</translation>
    </message>
    <message>
        <source>Mean seq %</source>
        <translation>位置 % 均值</translation>
    </message>
    <message>
        <source>Median seq %</source>
        <translation>位置 % 中位数</translation>
    </message>
    <message>
        <source>Unique dims</source>
        <translation>唯一维度</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>owb::models::HeatmapMatrix</name>
    <message>
        <source>max |x|</source>
        <translation>最大 |x|</translation>
    </message>
    <message>
        <source>hit share</source>
        <translation>命中比例</translation>
    </message>
    <message>
        <source>%1, dim %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::ModelCatalog</name>
    <message>
        <source>model catalog: not valid (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::RunStoreModel</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Systematic outliers: %1</source>
        <translation>系统性离群值:%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败:%1</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>outliers</source>
        <translation>离群值</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Systematic</source>
        <translation>系统性</translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
</context>
<context>
    <name>owb::models::SystematicOutliersModel</name>
    <message>
        <source>Dim</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>Max |x|</source>
        <translation>最大 |x|</translation>
    </message>
    <message>
        <source>Layer %</source>
        <translation>层 %</translation>
    </message>
    <message>
        <source>Seq %</source>
        <translation>位置 %</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>Hooks hit</source>
        <translation>命中的钩子</translation>
    </message>
    <message>
        <source>Feature dimension (hidden-state index)</source>
        <translation>特征维度(隐藏状态索引)</translation>
    </message>
    <message>
        <source>Largest |x| of this dimension over every hook and position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook tensors where the dimension hits / hook tensors analysed (2 per layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions where the dimension hits in any hook / positions analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of (hook, position) hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of hook tensors in layers_affected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::models::WorkspaceScanner</name>
    <message>
        <source>%1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::widgets</name>
    <message>
        <source>Viridis (perceptual)</source>
        <translation>Viridis(感知均匀)</translation>
    </message>
    <message>
        <source>Magma (perceptual)</source>
        <translation>Magma(感知均匀)</translation>
    </message>
    <message>
        <source>Thermal</source>
        <translation>热度</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Jet (not perceptual)</source>
        <translation>Jet(非感知均匀)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::DimProfilePanel</name>
    <message>
        <source>max |x|</source>
        <translation>最大 |x|</translation>
    </message>
    <message>
        <source>hit share (dashed)</source>
        <translation>命中比例(虚线)</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Dimension %1</source>
        <translation>维度 %1</translation>
    </message>
    <message>
        <source>No dimension selected</source>
        <translation>未选择维度</translation>
    </message>
    <message>
        <source>Click a column of the heatmap or a row of the systematic table.</source>
        <translation>点击热力图的一列或系统性离群值表的一行。</translation>
    </message>
    <message>
        <source>hooks</source>
        <translation>钩子</translation>
    </message>
    <message>
        <source>%1 hit share</source>
        <translation>%1 命中比例</translation>
    </message>
    <message>
        <source>hook point</source>
        <translation>钩子点</translation>
    </message>
    <message>
        <source>Peak max |x| %1 at %2 (threshold %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in this run&apos;s systematic-outlier list.</source>
        <translation>不在此运行的系统性离群值列表中。</translation>
    </message>
    <message>
        <source>Systematic: %1.</source>
        <translation>系统性:%1。</translation>
    </message>
    <message>
        <source>Max magnitude: %1</source>
        <translation>最大幅值:%1</translation>
    </message>
    <message>
        <source>Layer %: %1 (%2 hook tensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq %: %1</source>
        <translation>位置 %:%1</translation>
    </message>
    <message>
        <source>Occurrences: %1</source>
        <translation>出现次数:%1</translation>
    </message>
    <message>
        <source>Batches qualified: %1</source>
        <translation>符合条件的批次:%1</translation>
    </message>
    <message>
        <source>Example values: %1</source>
        <translation>示例值:%1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&amp;Export:</source>
        <translation>导出(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F):</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;DPI:</source>
        <translation>DPI(&amp;D):</translation>
    </message>
    <message>
        <source>PNG or SVG, by the file&apos;s suffix. More DPI at the same size gives larger text.</source>
        <translation>按文件后缀选择 PNG 或 SVG。相同尺寸下 DPI 越高,文字越大。</translation>
    </message>
    <message>
        <source>CSV or JSON, by the file&apos;s suffix.</source>
        <translation>按文件后缀选择 CSV 或 JSON。</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格 (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>没有写入任何内容。</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HeatmapExport</name>
    <message>
        <source>max |x|</source>
        <translation>最大 |x|</translation>
    </message>
    <message>
        <source>feature dimension</source>
        <translation>特征维度</translation>
    </message>
    <message>
        <source>hook point</source>
        <translation>钩子点</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HeatmapView</name>
    <message>
        <source>Select a run with a layer_stats.json to see its heatmap.</source>
        <translation>选择一个带有 layer_stats.json 的运行以查看其热力图。</translation>
    </message>
    <message>
        <source>feature dimension</source>
        <translation>特征维度</translation>
    </message>
    <message>
        <source>hook point</source>
        <translation>钩子点</translation>
    </message>
    <message>
        <source>systematic dimensions</source>
        <translation>系统性维度</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>数值:</translation>
    </message>
    <message>
        <source>max |x|: largest magnitude per hook and dimension; hit share: positions with |x| &gt;= threshold / positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色:</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数刻度(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Systematic dims only</source>
        <translation>仅系统性维度(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Show the whole matrix (or double-click the plot)</source>
        <translation>显示整个矩阵(或双击图表)</translation>
    </message>
    <message>
        <source>This run has no systematic dimensions; clear &quot;Systematic dims only&quot; to see all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
dim %2
max |x| = %3
hit share = %4 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
systematic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>owb::widgets::ImageExport</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a .png or .svg file</source>
        <translation>请选择 .png 或 .svg 文件</translation>
    </message>
    <message>
        <source>the size and DPI must be positive</source>
        <translation>尺寸和 DPI 必须为正数</translation>
    </message>
    <message>
        <source>could not encode the PNG</source>
        <translation>无法编码 PNG</translation>
    </message>
    <message>
        <source>Exported by Outlier Workbench</source>
        <translation>由 Outlier Workbench 导出</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ScatterChart</name>
    <message>
        <source>Fit: %1, R² = %2 (least squares on ln y)</source>
        <translation>拟合:%1,R² = %2(对 ln y 最小二乘)</translation>
    </message>
    <message>
        <source>%1 — no included run has both values</source>
        <translation>%1 — 没有同时具有两个值的已选运行</translation>
    </message>
    <message>
        <source>MoE</source>
        <translation>MoE</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>稠密</translation>
    </message>
    <message>
        <source>Unknown architecture</source>
        <translation>未知架构</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ScatterPlotView</name>
    <message>
        <source>Plot:</source>
        <translation>图表:</translation>
    </message>
    <message>
        <source>Exponential &amp;fit</source>
        <translation>指数拟合(&amp;F)</translation>
    </message>
    <message>
        <source>y = a·exp(b·x), least squares on ln y (points with y ≤ 0 are left out); R² of that linear fit in log space</source>
        <translation>y = a·exp(b·x),对 ln y 做最小二乘(忽略 y ≤ 0 的点);R² 为对数空间中线性拟合的决定系数</translation>
    </message>
    <message>
        <source>Model &amp;names</source>
        <translation>模型名称(&amp;N)</translation>
    </message>
    <message>
        <source>Include &amp;all</source>
        <translation>全部选中(&amp;A)</translation>
    </message>
    <message>
        <source>Include &amp;none</source>
        <translation>全部取消(&amp;N)</translation>
    </message>
    <message>
        <source>Check a run to include it in the plot</source>
        <translation>勾选运行以将其加入图表</translation>
    </message>
    <message>
        <source>%1 of %2 included runs plotted</source>
        <translation>已绘制 %2 个选中运行中的 %1 个</translation>
    </message>
    <message>
        <source>; no fit (needs two points with y &gt; 0 and different x)</source>
        <translation>;无拟合(需要两个 y &gt; 0 且 x 不同的点)</translation>
    </message>
    <message>
        <source>%1: x = %2, y = %3</source>
        <translation>%1:x = %2,y = %3</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SystematicTableView</name>
    <message>
        <source>No systematic-outlier list: select a run with a final_analysis_results.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) from the %1. Percentages are fractions of hook tensors (layer %) and of positions (seq %).</source>
        <translation>
            <numerusform>%n 条记录,来自%1。百分比为钩子张量(层 %)和位置(位置 %)的比例。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>owb::widgets::TableExport</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a .csv or .json file</source>
        <translation>请选择 .csv 或 .json 文件</translation>
    </message>
</context>
<context>
    <name>owb::widgets::WorkspaceExport</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no run has both %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: max |x| per hook point and feature dimension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no layer_stats.json, no heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no run folders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>connected to %1@%2:%3, host key %4</source>
        <translation>已连接到 %1@%2:%3，主机密钥 %4</translation>
    </message>
</context>
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
        <translation>将窗口保存到 FILE 后退出。</translation>
    </message>
    <message>
        <source>Select the first run whose name contains TEXT.</source>
        <translation>选择名称包含 TEXT 的第一个运行。</translation>
    </message>
    <message>
        <source>Select feature dimension N.</source>
        <translation>选择特征维度 N。</translation>
    </message>
    <message>
        <source>Start with a logarithmic colour scale.</source>
        <translation>以对数色标启动。</translation>
    </message>
    <message>
        <source>Show systematic dims only.</source>
        <translation>仅显示系统性维度。</translation>
    </message>
    <message>
        <source>Show scatter plot ID on the Plots tab (e.g. perplexity_vs_num_outliers).</source>
        <translation>在图表标签页显示散点图 ID(例如 perplexity_vs_num_outliers)。</translation>
    </message>
    <message>
        <source>Write the plots and tables of DIR (a workspace or run folder) without a window.</source>
        <translation>不打开窗口,写出 DIR(工作区或运行文件夹)的图表和表格。</translation>
    </message>
    <message>
        <source>Folder for --export.</source>
        <translation>--export 的输出文件夹。</translation>
    </message>
    <message>
        <source>Exported image width in pixels (1600).</source>
        <translation>导出图像的宽度,单位像素(1600)。</translation>
    </message>
    <message>
        <source>Exported image height in pixels (1000).</source>
        <translation>导出图像的高度,单位像素(1000)。</translation>
    </message>
    <message>
        <source>Exported image resolution (150).</source>
        <translation>导出图像的分辨率(150)。</translation>
    </message>
    <message>
        <source>Outlier Workbench</source>
        <translation>Outlier Workbench</translation>
    </message>
    <message>
        <source>Open tab N (0 heatmap, 1 systematic, 2 runs, …) or the tab named NAME (e.g. plots, super, compare; compare selects every outlier run).</source>
        <translation>打开第 N 个标签页(0 热力图,1 系统性,2 运行,…)或名为 NAME 的标签页(例如 plots、super、compare;compare 会选中所有离群值运行)。</translation>
    </message>
    <message>
        <source>With --screenshot: grab the dialog NAME (picker, picker-folder, picker-hub, cache) instead of the window.</source>
        <translation>与 --screenshot 一起使用:截取对话框 NAME(picker、picker-folder、picker-hub、cache)而不是主窗口。</translation>
    </message>
    <message>
        <source>The model picker&apos;s search text, folder or hub id.</source>
        <translation>模型选择器的搜索文本、文件夹或 Hub ID。</translation>
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
        <translation>此运行没有 layer_stats.json(种子格式的文件夹没有钩子 × 维度矩阵)。其系统性离群值在“系统性离群值”标签页中。</translation>
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
    <message>
        <source>Job queue</source>
        <translation>任务队列</translation>
    </message>
    <message>
        <source>Running: rows appear as the worker finishes each layer.</source>
        <translation>运行中:工作进程每完成一层就会出现一行。</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>参数扫描(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Monitor</source>
        <translation>监控(&amp;M)</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n job(s).</source>
        <translation>
            <numerusform>已排队 %n 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1: %2</source>
        <translation>任务 %1:%2</translation>
    </message>
    <message>
        <source>S&amp;uper weights</source>
        <translation>超级权重(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Hugging Face &amp;Cache…</source>
        <translation>Hugging Face 缓存(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Damage</source>
        <translation>损伤(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remote Backends…</source>
        <translation>远程后端(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>owb::models</name>
    <message>
        <source>%1: file not found</source>
        <translation>%1:文件未找到</translation>
    </message>
    <message>
        <source>%1: cannot open (%2)</source>
        <translation>%1:无法打开(%2)</translation>
    </message>
    <message>
        <source>%1: not valid JSON (%2 at byte %3)</source>
        <translation>%1:不是有效的 JSON(第 %3 字节处 %2)</translation>
    </message>
    <message>
        <source>%1: the top level is not a JSON object</source>
        <translation>%1:顶层不是 JSON 对象</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>has no valid feature_dim</source>
        <translation>没有有效的 feature_dim</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a list</source>
        <translation>%1:&apos;%2&apos; 不是列表</translation>
    </message>
    <message>
        <source>%1: %2[%3] %4</source>
        <translation>%1:%2[%3] %4</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; has %3 rows, expected %4 (one per hook)</source>
        <translation>%1:&apos;%2&apos; 有 %3 行,应为 %4 行(每个钩子一行)</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; row %3 has %4 values, expected %5 (hidden_size)</source>
        <translation>%1:&apos;%2&apos; 第 %3 行有 %4 个值,应为 %5 个(hidden_size)</translation>
    </message>
    <message>
        <source>exact whole-run list (systematic_outliers)</source>
        <translation>整次运行的精确列表(systematic_outliers)</translation>
    </message>
    <message>
        <source>seed top_features (per-batch criteria, deduplicated)</source>
        <translation>种子 top_features(按批次判定,去重)</translation>
    </message>
    <message>
        <source>seed all_systematic_outliers (batch-concatenated)</source>
        <translation>种子 all_systematic_outliers(按批次拼接)</translation>
    </message>
    <message>
        <source>no systematic-outlier list</source>
        <translation>没有系统性离群值列表</translation>
    </message>
    <message>
        <source>%1: none of systematic_outliers, top_features, all_systematic_outliers</source>
        <translation>%1:没有 systematic_outliers、top_features 或 all_systematic_outliers</translation>
    </message>
    <message>
        <source>%1: format is &apos;%2&apos;, expected &apos;owb.layer_stats&apos;</source>
        <translation>%1:格式为 &apos;%2&apos;,应为 &apos;owb.layer_stats&apos;</translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; is missing or not a list</source>
        <translation>%1:&apos;hooks&apos; 缺失或不是列表</translation>
    </message>
    <message>
        <source>%1: &apos;hooks&apos; holds a value that is not a name</source>
        <translation>%1:&apos;hooks&apos; 中有一个值不是名称</translation>
    </message>
    <message>
        <source>%1: hidden_size is missing or not positive</source>
        <translation>%1:hidden_size 缺失或不为正</translation>
    </message>
    <message>
        <source>%1: &apos;perplexity&apos; is missing or not a number</source>
        <translation>%1:&apos;perplexity&apos; 缺失或不是数字</translation>
    </message>
    <message>
        <source>%1: folder not found</source>
        <translation>%1:文件夹未找到</translation>
    </message>
    <message>
        <source>%1: no %2, %3, %4 or %5: not a run folder</source>
        <translation>%1:没有 %2、%3、%4 或 %5:不是运行文件夹</translation>
    </message>
    <message>
        <source>has no valid &apos;%1&apos;</source>
        <translation>没有有效的 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: line %2 is not a JSON object (%3)</source>
        <translation>%1:第 %2 行不是 JSON 对象(%3)</translation>
    </message>
    <message>
        <source>%1: &apos;super_weights&apos; is missing or not a list (not an owb superweights analysis file?)</source>
        <translation>%1:&apos;super_weights&apos; 缺失或不是列表(不是 owb superweights 的分析文件?)</translation>
    </message>
    <message>
        <source>has no numeric &apos;weight_value&apos;</source>
        <translation>没有数值型的 &apos;weight_value&apos;</translation>
    </message>
    <message>
        <source>%1: super_weights[%2] %3</source>
        <translation>%1:super_weights[%2] %3</translation>
    </message>
    <message>
        <source>%1: card %2 %3</source>
        <translation>%1:卡片 %2 %3</translation>
    </message>
</context>
<context>
    <name>owb::models::CheckpointInfo</name>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>不是 JSON 对象(%1)</translation>
    </message>
    <message>
        <source>owb inspect printed no &quot;%1&quot;</source>
        <translation>owb inspect 没有输出“%1”</translation>
    </message>
    <message>
        <source>owb estimate-vram printed no &quot;resident_bytes&quot;</source>
        <translation>owb estimate-vram 没有输出“resident_bytes”</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>nothing after &apos;@&apos; (org/name@revision)</source>
        <translation>&apos;@&apos; 后为空(org/name@revision)</translation>
    </message>
    <message>
        <source>the revision &quot;%1&quot; has characters a revision cannot have</source>
        <translation>修订版本“%1”含有修订版本中不允许的字符</translation>
    </message>
    <message>
        <source>a hub id is org/name (one &apos;/&apos;)</source>
        <translation>Hub ID 的格式为 org/name(一个 &apos;/&apos;)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hub name (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;; not starting with &apos;.&apos; or &apos;-&apos;)</source>
        <translation>“%1”不是有效的 Hub 名称(字母、数字、&apos;-&apos;、&apos;_&apos;、&apos;.&apos;;不能以 &apos;.&apos; 或 &apos;-&apos; 开头)</translation>
    </message>
</context>
<context>
    <name>owb::models::CompareTableModel</name>
    <message>
        <source>%1 M</source>
        <translation>%1 百万</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 十亿</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Total parameters</source>
        <translation>总参数量</translation>
    </message>
    <message>
        <source>Active parameters</source>
        <translation>激活参数量</translation>
    </message>
    <message>
        <source>Systematic dims (unique)</source>
        <translation>系统性维度(唯一)</translation>
    </message>
    <message>
        <source>Systematic records (seed count)</source>
        <translation>系统性记录(种子计数)</translation>
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
        <source>Perplexity</source>
        <translation>困惑度</translation>
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
        <translation>%1:无法打开(%2)</translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation>%1:不是 JSON 对象(%2)</translation>
    </message>
    <message>
        <source>%1: no all_systematic_outliers list</source>
        <translation>%1:没有 all_systematic_outliers 列表</translation>
    </message>
</context>
<context>
    <name>owb::models::ComparisonTableModel</name>
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
        <translation>all_systematic_outliers 的长度:按批次的记录,一个维度在每个满足条件的批次中各计一次</translation>
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
        <translation>种子工具的 calculate_metrics,基于 all_systematic_outliers(按批次拼接),以百分比表示</translation>
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
    <name>owb::models::ConfigDiffModel</name>
    <message>
        <source>(no config.json)</source>
        <translation>(没有 config.json)</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(缺失)</translation>
    </message>
    <message>
        <source>config.json key</source>
        <translation>config.json 键</translation>
    </message>
</context>
<context>
    <name>owb::models::DamageSummaryModel</name>
    <message>
        <source>removed</source>
        <translation>已剔除</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Rank before</source>
        <translation>之前的秩</translation>
    </message>
    <message>
        <source>Rank after</source>
        <translation>之后的秩</translation>
    </message>
    <message>
        <source>Rank reduction</source>
        <translation>秩下降</translation>
    </message>
    <message>
        <source>Perplexity before</source>
        <translation>之前的困惑度</translation>
    </message>
    <message>
        <source>Perplexity after</source>
        <translation>之后的困惑度</translation>
    </message>
    <message>
        <source>Perplexity increase</source>
        <translation>困惑度上升</translation>
    </message>
    <message>
        <source>Control rank reduction</source>
        <translation>对照组秩下降</translation>
    </message>
    <message>
        <source>Control perplexity increase</source>
        <translation>对照组困惑度上升</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
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
        <translation>%1,维度 %2:%3</translation>
    </message>
</context>
<context>
    <name>owb::models::HubCacheModel</name>
    <message>
        <source>owb cache list printed no repo list (%1)</source>
        <translation>owb cache list 没有输出仓库列表(%1)</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Refs</source>
        <translation>引用</translation>
    </message>
</context>
<context>
    <name>owb::models::JobTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>retry pending</source>
        <translation>等待重试</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计剩余</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
</context>
<context>
    <name>owb::models::LivePodsModel</name>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>$/hour</source>
        <translation>$/小时</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>Cost so far</source>
        <translation>累计费用</translation>
    </message>
    <message>
        <source>%1 (%2)%3</source>
        <translation>%1（%2）%3</translation>
    </message>
    <message>
        <source>, kept running</source>
        <translation>，保持运行</translation>
    </message>
    <message>
        <source>no RunPod API key: states and prices are the ledger&apos;s</source>
        <translation>没有 RunPod API 密钥：状态和价格取自 pod 台账</translation>
    </message>
    <message>
        <source>no RunPod API key: cannot terminate %1</source>
        <translation>没有 RunPod API 密钥：无法终止 %1</translation>
    </message>
</context>
<context>
    <name>owb::models::ModelCatalog</name>
    <message>
        <source>model catalog: not valid (%1)</source>
        <translation>模型目录:无效(%1)</translation>
    </message>
</context>
<context>
    <name>owb::models::ModelCatalogModel</name>
    <message>
        <source>Parameters: %1</source>
        <translation>参数来源:%1</translation>
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
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Hub id</source>
        <translation>Hub ID</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>owb::models::OwbProcess</name>
    <message>
        <source>owb not found: set OWB_BINARY or install owb next to the application</source>
        <translation>未找到 owb:请设置 OWB_BINARY,或将 owb 安装在应用程序旁边</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>owb could not be started: %1</source>
        <translation>无法启动 owb:%1</translation>
    </message>
    <message>
        <source>owb crashed</source>
        <translation>owb 崩溃了</translation>
    </message>
    <message>
        <source>owb crashed: %1</source>
        <translation>owb 崩溃了:%1</translation>
    </message>
    <message>
        <source>owb exited with code %1</source>
        <translation>owb 以代码 %1 退出</translation>
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
    <name>owb::models::SuperWeightCardsModel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Col</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Input spike</source>
        <translation>输入尖峰</translation>
    </message>
    <message>
        <source>Output spike</source>
        <translation>输出尖峰</translation>
    </message>
    <message>
        <source>PPL ratio (zeroed)</source>
        <translation>PPL 比值(置零)</translation>
    </message>
    <message>
        <source>ΔPPL (zeroed)</source>
        <translation>ΔPPL(置零)</translation>
    </message>
    <message>
        <source>Δloss (zeroed)</source>
        <translation>Δ损失(置零)</translation>
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
        <translation>该维度在所有钩子和位置上的最大 |x|</translation>
    </message>
    <message>
        <source>Hook tensors where the dimension hits / hook tensors analysed (2 per layer)</source>
        <translation>该维度命中的钩子张量数 / 分析的钩子张量数(每层 2 个)</translation>
    </message>
    <message>
        <source>Positions where the dimension hits in any hook / positions analysed</source>
        <translation>该维度在任一钩子中命中的位置数 / 分析的位置数</translation>
    </message>
    <message>
        <source>Number of (hook, position) hits</source>
        <translation>(钩子, 位置) 命中次数</translation>
    </message>
    <message>
        <source>Number of hook tensors in layers_affected</source>
        <translation>layers_affected 中的钩子张量数</translation>
    </message>
</context>
<context>
    <name>owb::models::TableFile</name>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>choose a .csv or .json file</source>
        <translation>请选择 .csv 或 .json 文件</translation>
    </message>
</context>
<context>
    <name>owb::models::WorkspaceScanner</name>
    <message>
        <source>%1: not a folder</source>
        <translation>%1:不是文件夹</translation>
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
    <name>owb::widgets::CascadeSparkline</name>
    <message>
        <source>Cascade through the logit lens: Δentropy (blue) and Δmargin (orange) per layer, weight zeroed</source>
        <translation>经 logit lens 的级联:每层的 Δ熵(蓝)和 Δ间隔(橙),权重置零</translation>
    </message>
    <message>
        <source>cascade Δentropy / Δmargin</source>
        <translation>级联 Δ熵 / Δ间隔</translation>
    </message>
</context>
<context>
    <name>owb::widgets::CheckpointInfoPanel</name>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>The dtype the model runs in, for the VRAM estimate.</source>
        <translation>模型运行时使用的数据类型,用于显存估算。</translation>
    </message>
    <message>
        <source>Family:</source>
        <translation>系列:</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>层数:</translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation>隐藏维度:</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数量:</translation>
    </message>
    <message>
        <source>Active parameters:</source>
        <translation>激活参数量:</translation>
    </message>
    <message>
        <source>Stored as:</source>
        <translation>存储类型:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>磁盘占用:</translation>
    </message>
    <message>
        <source>VRAM estimate:</source>
        <translation>显存估算:</translation>
    </message>
    <message>
        <source>Compute dtype:</source>
        <translation>计算数据类型:</translation>
    </message>
    <message>
        <source>Checking %1 with owb inspect…</source>
        <translation>正在用 owb inspect 检查 %1…</translation>
    </message>
    <message>
        <source>%1 in %2 (weights only)</source>
        <translation>%1,%2(仅权重)</translation>
    </message>
    <message>
        <source>%1 resident, %2 streaming, in %3 (weights only)</source>
        <translation>常驻 %1,流式 %2,%3(仅权重)</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1,%2</translation>
    </message>
    <message>
        <source>%1 resident, %2 streaming, in %3</source>
        <translation>常驻 %1,流式 %2,%3</translation>
    </message>
    <message>
        <source>, MoE: %1 experts, top-%2</source>
        <translation>,MoE:%1 个专家,top-%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
    <message>
        <source>owb has no estimate-vram command: the weights alone, without activations, at the compute dtype.</source>
        <translation>owb 没有 estimate-vram 命令:仅按计算数据类型估算权重,不含激活。</translation>
    </message>
    <message>
        <source>From owb estimate-vram.</source>
        <translation>来自 owb estimate-vram。</translation>
    </message>
    <message>
        <source>A usable checkpoint (cached at %1).</source>
        <translation>可用的检查点(缓存于 %1)。</translation>
    </message>
    <message>
        <source>A usable checkpoint.</source>
        <translation>可用的检查点。</translation>
    </message>
    <message>
        <source>%1 is not in the Hugging Face cache yet: a run downloads it when it starts, or download it now in View &gt; Hugging Face Cache.</source>
        <translation>%1 尚不在 Hugging Face 缓存中:运行开始时会自动下载,也可以现在通过“视图 &gt; Hugging Face 缓存”下载。</translation>
    </message>
    <message>
        <source>Not a usable checkpoint: %1</source>
        <translation>不是可用的检查点:%1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::CompareView</name>
    <message>
        <source>Hit share per layer of dim</source>
        <translation>每层命中比例,维度</translation>
    </message>
    <message>
        <source>at</source>
        <translation>位于</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>hit share (|x| ≥ threshold)</source>
        <translation>命中比例(|x| ≥ 阈值)</translation>
    </message>
    <message>
        <source>Show identical config.json keys too</source>
        <translation>同时显示相同的 config.json 键</translation>
    </message>
    <message>
        <source>Select two or more runs in the run store (Ctrl+click, Shift+click) to compare them.</source>
        <translation>在运行存储中选择两个或更多运行(Ctrl+单击、Shift+单击)进行比较。</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s)…</source>
        <translation>
            <numerusform>正在比较 %n 个运行…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) side by side; %1 config.json key(s) differ.</source>
        <translation>
            <numerusform>%n 个运行并排显示;%1 个 config.json 键不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>无法读取:%1</translation>
    </message>
    <message>
        <source>any hook (max)</source>
        <translation>任意钩子(最大值)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::DamageView</name>
    <message>
        <source>|Effective-rank reduction|</source>
        <translation>|有效秩下降|</translation>
    </message>
    <message>
        <source>Effective-rank reduction</source>
        <translation>有效秩下降</translation>
    </message>
    <message>
        <source>Perplexity increase</source>
        <translation>困惑度上升</translation>
    </message>
    <message>
        <source>Perplexity after the attack</source>
        <translation>攻击后的困惑度</translation>
    </message>
    <message>
        <source>No power-law fit: fewer than 2 models with a mean &gt; 0</source>
        <translation>无法拟合幂律：均值 &gt; 0 的模型少于 2 个</translation>
    </message>
    <message>
        <source>Power law: y = %1 · x^%2 (R² = %3)</source>
        <translation>幂律：y = %1 · x^%2（R² = %3）</translation>
    </message>
    <message>
        <source>Open results folder…</source>
        <translation>打开结果文件夹…</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Outlier filter:</source>
        <translation>离群值筛选：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>IQR (k = 1.5)</source>
        <translation>IQR（k = 1.5）</translation>
    </message>
    <message>
        <source>z-score (t = 3)</source>
        <translation>z 分数（t = 3）</translation>
    </message>
    <message>
        <source>Drops outlier runs per model, judged on the metric shown</source>
        <translation>按所示指标剔除每个模型的离群运行</translation>
    </message>
    <message>
        <source>|rank reduction|</source>
        <translation>|秩下降|</translation>
    </message>
    <message>
        <source>Structural damage as the size of the rank change, whatever its sign</source>
        <translation>以秩变化的大小（不论正负）衡量结构损伤</translation>
    </message>
    <message>
        <source>Total parameters</source>
        <translation>总参数量</translation>
    </message>
    <message>
        <source>Mean over runs, 95% CI</source>
        <translation>各次运行的均值，95% 置信区间</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Open damage results folder</source>
        <translation>打开损伤结果文件夹</translation>
    </message>
    <message>
        <source>No results folder open.</source>
        <translation>未打开结果文件夹。</translation>
    </message>
    <message>
        <source>Cannot read the results: %1</source>
        <translation>无法读取结果：%1</translation>
    </message>
    <message>
        <source>No damage runs (folders with a results.json) in %1.</source>
        <translation>%1 中没有损伤运行（含 results.json 的文件夹）。</translation>
    </message>
    <message>
        <source>Open a folder of `owb damage` run folders to see the scaling law.</source>
        <translation>打开包含 `owb damage` 运行文件夹的目录以查看缩放定律。</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Scaling law: %1 vs model size</source>
        <translation>缩放定律：%1 与模型规模</translation>
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
        <translation>最大 |x| 峰值 %1,位于 %2(阈值 %3)。</translation>
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
        <translation>层 %:%1(%2 个钩子张量)</translation>
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
        <translation>最大 |x|:每个钩子和维度的最大幅值;命中比例:|x| &gt;= 阈值的位置数 / 位置数</translation>
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
        <translation>此运行没有系统性维度;取消“仅系统性维度”以查看全部。</translation>
    </message>
    <message>
        <source>%1
dim %2
max |x| = %3
hit share = %4 %</source>
        <translation>%1
维度 %2
最大 |x| = %3
命中比例 = %4 %</translation>
    </message>
    <message>
        <source>
systematic</source>
        <translation>
系统性</translation>
    </message>
    <message>
        <source>C&amp;ontour ≥</source>
        <translation>轮廓 ≥(&amp;O)</translation>
    </message>
    <message>
        <source>Outline the cells whose max |x| is at or above the threshold</source>
        <translation>勾勒出最大 |x| 达到或超过阈值的单元格</translation>
    </message>
    <message>
        <source>Magnitude threshold of the contour (|x|)</source>
        <translation>轮廓的幅值阈值(|x|)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HubCacheDialog</name>
    <message>
        <source>Hugging Face Cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Remove the selected model from the cache, every revision of it.</source>
        <translation>从缓存中删除所选模型及其所有修订版本。</translation>
    </message>
    <message>
        <source>Download a model into the cache</source>
        <translation>下载模型到缓存</translation>
    </message>
    <message>
        <source>Reading the cache…</source>
        <translation>正在读取缓存…</translation>
    </message>
    <message>
        <source>Could not read the cache: %1</source>
        <translation>无法读取缓存:%1</translation>
    </message>
    <message numerus="yes">
        <source>%n repo(s) in %1, %2 in all.</source>
        <translation>
            <numerusform>%1 中有 %n 个仓库,共 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset rows fetched by owb: %1.</source>
        <translation>owb 获取的数据集行:%1。</translation>
    </message>
    <message>
        <source>Delete Cached Model</source>
        <translation>删除缓存的模型</translation>
    </message>
    <message>
        <source>Delete %1 (%2) from the Hugging Face cache? Every revision of it is removed; a later run downloads it again.</source>
        <translation>从 Hugging Face 缓存中删除 %1(%2)?其所有修订版本都会被删除;之后的运行会重新下载。</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>无法删除 %1:%2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除 %1。</translation>
    </message>
</context>
<context>
    <name>owb::widgets::HubDownloadPanel</name>
    <message>
        <source>org/name or org/name@revision</source>
        <translation>org/name 或 org/name@revision</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not a hub id: %1</source>
        <translation>不是 Hub ID:%1</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>Downloading %1: %2 (%3 of %4)</source>
        <translation>正在下载 %1:%2(%3 / %4)</translation>
    </message>
    <message>
        <source>Download of %1 cancelled; a later download resumes it.</source>
        <translation>已取消 %1 的下载;之后再次下载会从断点继续。</translation>
    </message>
    <message>
        <source>Download of %1 failed: %2</source>
        <translation>%1 下载失败:%2</translation>
    </message>
    <message>
        <source>%1 is in the cache: %2 (%3 downloaded)</source>
        <translation>%1 已在缓存中:%2(已下载 %3)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ImageExport</name>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
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
    <name>owb::widgets::LivePodsView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>终止</translation>
    </message>
    <message>
        <source>Terminate the selected pod now (its job, if any, fails)</source>
        <translation>立即终止所选 pod（若有任务，该任务失败）</translation>
    </message>
    <message>
        <source>&lt;b&gt;RunPod pods&lt;/b&gt;</source>
        <translation>&lt;b&gt;RunPod pod&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No pod of this workspace is up.</source>
        <translation>此工作区没有正在运行的 pod。</translation>
    </message>
    <message numerus="yes">
        <source>%n pod(s) up, $%1/hour in all</source>
        <translation>
            <numerusform>%n 个 pod 运行中，共 $%1/小时</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Terminate pod</source>
        <translation>终止 pod</translation>
    </message>
    <message>
        <source>Terminate pod %1 now? Whatever runs on it stops, and its disk is deleted.</source>
        <translation>立即终止 pod %1？其上运行的一切都会停止，磁盘也会被删除。</translation>
    </message>
</context>
<context>
    <name>owb::widgets::ModelPickerDialog</name>
    <message>
        <source>Pick Models</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Local folder</source>
        <translation>本地文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Hub id</source>
        <translation>Hub ID(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Search name, hub id or family</source>
        <translation>搜索名称、Hub ID 或系列</translation>
    </message>
    <message>
        <source>All families</source>
        <translation>所有系列</translation>
    </message>
    <message>
        <source>MoE and dense</source>
        <translation>MoE 和稠密</translation>
    </message>
    <message>
        <source>MoE only</source>
        <translation>仅 MoE</translation>
    </message>
    <message>
        <source>Dense only</source>
        <translation>仅稠密</translation>
    </message>
    <message>
        <source>A Hugging Face checkpoint folder (config.json + safetensors)</source>
        <translation>Hugging Face 检查点文件夹(config.json + safetensors)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>检查(&amp;H)</translation>
    </message>
    <message>
        <source>org/name or org/name@revision, e.g. allenai/OLMoE-1B-7B-0125-Instruct</source>
        <translation>org/name 或 org/name@revision,例如 allenai/OLMoE-1B-7B-0125-Instruct</translation>
    </message>
    <message>
        <source>A hub id not in the Hugging Face cache is downloaded when its first run starts.</source>
        <translation>不在 Hugging Face 缓存中的 Hub ID 会在其第一次运行开始时下载。</translation>
    </message>
    <message>
        <source>%1 of %2 models</source>
        <translation>%1 / %2 个模型</translation>
    </message>
    <message>
        <source>Not a hub id: %1</source>
        <translation>不是 Hub ID:%1</translation>
    </message>
    <message>
        <source>Choose Checkpoint Folder</source>
        <translation>选择检查点文件夹</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Add %n Models</source>
        <translation>
            <numerusform>添加 %n 个模型(&amp;A)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>owb::widgets::PodReconciler</name>
    <message numerus="yes">
        <source>RunPod: %n pod(s) in the ledger not checked: no API key (set RUNPOD_API_KEY or store one in Settings &gt; Remote Backends…)</source>
        <translation>
            <numerusform>RunPod：台账中的 %n 个 pod 未检查：没有 API 密钥（请设置 RUNPOD_API_KEY，或在 设置 &gt; 远程后端… 中保存一个）</numerusform>
        </translation>
    </message>
    <message>
        <source>RunPod: the pod ledger could not be reconciled (%1); it is tried again when the workspace is next opened</source>
        <translation>RunPod：无法核对 pod 台账（%1）；下次打开工作区时会重试</translation>
    </message>
    <message numerus="yes">
        <source>terminated %n pod(s) that no running job needs (%1)</source>
        <translation>
            <numerusform>已终止 %n 个运行中任务都不需要的 pod（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not terminate %n pod(s) (%1): tried again next time</source>
        <translation>
            <numerusform>无法终止 %n 个 pod（%1）：下次重试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept %n pod(s) (a running job&apos;s, or keep_running: %1)</source>
        <translation>
            <numerusform>保留 %n 个 pod（属于运行中的任务，或 keep_running：%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>closed %n ledger entry(s) of pods that no longer exist</source>
        <translation>
            <numerusform>关闭了 %n 条已不存在的 pod 的台账记录</numerusform>
        </translation>
    </message>
    <message>
        <source>RunPod pods reconciled: nothing left over</source>
        <translation>RunPod pod 已核对：没有遗留</translation>
    </message>
    <message>
        <source>RunPod pods reconciled: %1</source>
        <translation>RunPod pod 已核对：%1</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>%1 秒内无应答</translation>
    </message>
</context>
<context>
    <name>owb::widgets::RemoteSettingsDialog</name>
    <message>
        <source>Remote backends</source>
        <translation>远程后端</translation>
    </message>
    <message>
        <source>RunPod</source>
        <translation>RunPod</translation>
    </message>
    <message>
        <source>SSH hosts</source>
        <translation>SSH 主机</translation>
    </message>
    <message>
        <source>SLURM</source>
        <translation>SLURM</translation>
    </message>
    <message>
        <source>stored (type to replace)</source>
        <translation>已保存（输入以替换）</translation>
    </message>
    <message>
        <source>rpa_...</source>
        <translation>rpa_...</translation>
    </message>
    <message>
        <source>$RUNPOD_API_KEY is set and takes precedence</source>
        <translation>已设置 $RUNPOD_API_KEY，优先使用</translation>
    </message>
    <message>
        <source>kept in %1, readable by you alone</source>
        <translation>保存在 %1，仅您本人可读</translation>
    </message>
    <message>
        <source>GPU type ids in preference order, comma-separated (the next is tried when one has no capacity)</source>
        <translation>GPU 类型 ID，按优先顺序，逗号分隔（某一类型无容量时尝试下一个）</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>API URL</translation>
    </message>
    <message>
        <source>GPU types</source>
        <translation>GPU 类型</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>云类型</translation>
    </message>
    <message>
        <source>Container disk</source>
        <translation>容器磁盘</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Sweeps use the backend ssh:&lt;name&gt;</source>
        <translation>参数扫描使用后端 ssh:&lt;name&gt;</translation>
    </message>
    <message>
        <source>$SSH_KEY_PATH, ~/.ssh/id_ed25519 or the ssh-agent</source>
        <translation>$SSH_KEY_PATH、~/.ssh/id_ed25519 或 ssh-agent</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Working dir</source>
        <translation>工作目录</translation>
    </message>
    <message>
        <source>owb command</source>
        <translation>owb 命令</translation>
    </message>
    <message>
        <source>Submit through SLURM on this login node (backend slurm:&lt;name&gt;)</source>
        <translation>通过此登录节点上的 SLURM 提交（后端 slurm:&lt;name&gt;）</translation>
    </message>
    <message>
        <source>Login host</source>
        <translation>登录主机</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时间限制</translation>
    </message>
    <message>
        <source>host%1</source>
        <translation>host%1</translation>
    </message>
    <message>
        <source>connecting to %1:%2 ...</source>
        <translation>正在连接 %1:%2 ...</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>The API key could not be stored: %1</source>
        <translation>无法保存 API 密钥：%1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::RunMonitor</name>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the selected job (a running worker is stopped; what it wrote stays).</source>
        <translation>取消所选任务(正在运行的工作进程会被停止;已写入的内容保留)。</translation>
    </message>
    <message>
        <source>Cancel S&amp;weep</source>
        <translation>取消参数扫描(&amp;W)</translation>
    </message>
    <message>
        <source>Cancel every unfinished job of the selected job&apos;s sweep.</source>
        <translation>取消所选任务所属参数扫描中所有未完成的任务。</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Queue the selected failed or cancelled job again.</source>
        <translation>将所选失败或已取消的任务重新排队。</translation>
    </message>
    <message>
        <source>Show &amp;Run</source>
        <translation>显示运行(&amp;R)</translation>
    </message>
    <message>
        <source>Show the selected job&apos;s run folder in the heatmap (live while it runs).</source>
        <translation>在热力图中显示所选任务的运行文件夹(运行时实时更新)。</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>清除已完成(&amp;L)</translation>
    </message>
    <message>
        <source>Remove finished jobs from this list (their run folders stay).</source>
        <translation>从列表中移除已完成的任务(其运行文件夹保留)。</translation>
    </message>
    <message>
        <source>Filter log lines</source>
        <translation>筛选日志行</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>跟随(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the newest line in view.</source>
        <translation>始终显示最新一行。</translation>
    </message>
    <message>
        <source>Select a job to see its log.</source>
        <translation>选择一个任务以查看其日志。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
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
    <name>owb::widgets::SuperWeightCardWidget</name>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Spikes</source>
        <translation>尖峰</translation>
    </message>
    <message>
        <source>input %1 (ch %2) · output %3 (ch %4)</source>
        <translation>输入 %1(通道 %2)· 输出 %3(通道 %4)</translation>
    </message>
    <message>
        <source>PPL zeroed</source>
        <translation>PPL(置零)</translation>
    </message>
    <message>
        <source>%1 → %2  (×%3, %4)</source>
        <translation>%1 → %2  (×%3, %4)</translation>
    </message>
    <message>
        <source>acc %1, Δacc %2, Δacc_norm %3</source>
        <translation>acc %1,Δacc %2,Δacc_norm %3</translation>
    </message>
    <message>
        <source>Δloss</source>
        <translation>Δ损失</translation>
    </message>
    <message>
        <source>Δentropy</source>
        <translation>Δ熵</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>对照</translation>
    </message>
    <message>
        <source>random coord Δloss %1 · neuron zeroed Δloss %2</source>
        <translation>随机坐标 Δ损失 %1 · 神经元置零 Δ损失 %2</translation>
    </message>
    <message>
        <source>Tokens ↑</source>
        <translation>词元 ↑</translation>
    </message>
    <message>
        <source>Tokens ↓</source>
        <translation>词元 ↓</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer %1 · %2[%3, %4]&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#666&apos;&gt;%5&lt;/span&gt;</source>
        <translation>&lt;b&gt;第 %1 层 · %2[%3, %4]&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:#666&apos;&gt;%5&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>From:
%1</source>
        <translation>来源:
%1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SuperWeightDetectionPlot</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>max |activation|</source>
        <translation>最大 |激活|</translation>
    </message>
    <message>
        <source>Select a super-weight card to see its detection passes.</source>
        <translation>选择一张超级权重卡片以查看其检测轮次。</translation>
    </message>
    <message>
        <source>Detection passes: %1</source>
        <translation>检测轮次:%1</translation>
    </message>
    <message>
        <source>pass %1 |input|</source>
        <translation>第 %1 轮 |输入|</translation>
    </message>
    <message>
        <source>pass %1 |output|</source>
        <translation>第 %1 轮 |输出|</translation>
    </message>
    <message>
        <source>super weight found</source>
        <translation>发现的超级权重</translation>
    </message>
    <message>
        <source>selected super weight</source>
        <translation>所选超级权重</translation>
    </message>
    <message>
        <source>spike threshold %1</source>
        <translation>尖峰阈值 %1</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SuperWeightGrid</name>
    <message>
        <source>Sort by:</source>
        <translation>排序:</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>|Value|</source>
        <translation>|值|</translation>
    </message>
    <message>
        <source>Perplexity ratio (zeroed)</source>
        <translation>困惑度比值(置零)</translation>
    </message>
    <message>
        <source>Δloss (zeroed)</source>
        <translation>Δ损失(置零)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Descending</source>
        <translation>降序</translation>
    </message>
    <message numerus="yes">
        <source>%n super weight(s)</source>
        <translation>
            <numerusform>%n 个超级权重</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>无法读取:%1</translation>
    </message>
    <message>
        <source>No super weights in this workspace: run `owb superweights` or `owb vocab` (or queue a super-weight job) and rescan.</source>
        <translation>此工作区中没有超级权重:请运行 `owb superweights` 或 `owb vocab`(或排队一个超级权重任务)后重新扫描。</translation>
    </message>
    <message>
        <source>Select a super-weight card to see its detection passes.</source>
        <translation>选择一张超级权重卡片以查看其检测轮次。</translation>
    </message>
    <message>
        <source>This card comes from `owb vocab` only: its detection passes are in an `owb superweights` analysis.</source>
        <translation>此卡片仅来自 `owb vocab`:其检测轮次在 `owb superweights` 的分析中。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 · layer %2 · row %3 · col %4&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;%1 · 第 %2 层 · 行 %3 · 列 %4&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Tensor &lt;code&gt;%1&lt;/code&gt;, value %2; input spike %3, output spike %4 (detection pass %5)</source>
        <translation>张量 &lt;code&gt;%1&lt;/code&gt;,值 %2;输入尖峰 %3,输出尖峰 %4(检测轮次 %5)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Perplexity&lt;/b&gt; intact %1; this weight zeroed %2 (Δ %3, ratio %4)</source>
        <translation>&lt;p&gt;&lt;b&gt;困惑度&lt;/b&gt; 原始 %1;此权重置零 %2(Δ %3,比值 %4)</translation>
    </message>
    <message>
        <source>&lt;br&gt;all super weights zeroed %1; all zeroed, super activations restored %2</source>
        <translation>&lt;br&gt;所有超级权重置零 %1;全部置零但恢复超级激活 %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;%1: acc %2, Δacc %3, Δacc_norm %4</source>
        <translation>&lt;br&gt;%1:acc %2,Δacc %3,Δacc_norm %4</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Zeroed vs intact&lt;/b&gt; (owb vocab; control: random coordinate / neuron zeroed)&lt;br&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;置零与原始对比&lt;/b&gt;(owb vocab;对照:随机坐标 / 神经元置零)&lt;br&gt;</translation>
    </message>
    <message>
        <source> [95% CI %1, %2]</source>
        <translation> [95% 置信区间 %1, %2]</translation>
    </message>
    <message>
        <source>%1: baseline %2, Δ %3%4; controls %5 / %6&lt;br&gt;</source>
        <translation>%1:基线 %2,Δ %3%4;对照 %5 / %6&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Neuron %1&apos;s vocabulary effect&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;神经元 %1 的词表效应&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Token probability changes when zeroed&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;置零时词元概率的变化&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;up: %1&lt;br&gt;down: %2</source>
        <translation>&lt;br&gt;上升:%1&lt;br&gt;下降:%2</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Files: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#666&apos;&gt;文件:%1&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SweepBackendPanel</name>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Where the sweep&apos;s jobs run. SSH hosts, SLURM and the RunPod defaults are set in Settings &gt; Remote Backends…</source>
        <translation>参数扫描的任务在哪里运行。SSH 主机、SLURM 和 RunPod 默认值在 设置 &gt; 远程后端… 中设置。</translation>
    </message>
    <message>
        <source>Jobs of this sweep&apos;s backend that run at the same time.</source>
        <translation>此参数扫描后端上同时运行的任务数。</translation>
    </message>
    <message>
        <source>GPU type ids in preference order, comma-separated; empty: the list in Settings</source>
        <translation>GPU 类型 ID，按优先顺序，逗号分隔；留空：使用设置中的列表</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>No: terminate each pod when its job ends</source>
        <translation>否：任务结束时终止其 pod</translation>
    </message>
    <message>
        <source>Yes: keep pods running (billed until you terminate them)</source>
        <translation>是：保持 pod 运行（持续计费，直到您终止它们）</translation>
    </message>
    <message>
        <source>no minimum; &quot;auto&quot; or GiB</source>
        <translation>无下限；&quot;auto&quot; 或 GiB</translation>
    </message>
    <message>
        <source>GPU types with less memory (x GPU count) are skipped. &quot;auto&quot;: the largest model&apos;s figure from owb estimate-vram for this sweep&apos;s run shape.</source>
        <translation>显存（乘以 GPU 数）不足的 GPU 类型会被跳过。&quot;auto&quot;：按本参数扫描的运行形状，取 owb estimate-vram 给出的最大模型的数值。</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>A pod&apos;s price cap (all its GPUs together): GPU types above it are never requested.</source>
        <translation>单个 pod 的价格上限（其所有 GPU 合计）：超过上限的 GPU 类型从不申请。</translation>
    </message>
    <message>
        <source>The sweep&apos;s budget: past it nothing more is launched and its pods are terminated.</source>
        <translation>参数扫描的预算：超出后不再启动任务，并终止其 pod。</translation>
    </message>
    <message>
        <source>GPU types:</source>
        <translation>GPU 类型：</translation>
    </message>
    <message>
        <source>GPUs per pod:</source>
        <translation>每个 pod 的 GPU 数：</translation>
    </message>
    <message>
        <source>Cloud:</source>
        <translation>云类型：</translation>
    </message>
    <message>
        <source>Container disk:</source>
        <translation>容器磁盘：</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>镜像：</translation>
    </message>
    <message>
        <source>Keep running:</source>
        <translation>保持运行：</translation>
    </message>
    <message>
        <source>Min. VRAM (GiB):</source>
        <translation>最小显存 (GiB)：</translation>
    </message>
    <message>
        <source>Max. $/hour per pod:</source>
        <translation>每个 pod 最高 $/小时：</translation>
    </message>
    <message>
        <source>Max. total $:</source>
        <translation>最高总额 $：</translation>
    </message>
    <message>
        <source>Run on:</source>
        <translation>运行于：</translation>
    </message>
    <message>
        <source>Parallel jobs:</source>
        <translation>并行任务：</translation>
    </message>
    <message>
        <source>%1 (not in Settings &gt; Remote Backends)</source>
        <translation>%1（不在 设置 &gt; 远程后端 中）</translation>
    </message>
    <message>
        <source>This machine (local)</source>
        <translation>本机（本地）</translation>
    </message>
    <message>
        <source>RunPod</source>
        <translation>RunPod</translation>
    </message>
    <message>
        <source>(change it in Settings &gt; Remote Backends…)</source>
        <translation>（在 设置 &gt; 远程后端… 中修改）</translation>
    </message>
    <message>
        <source>SSH host %1</source>
        <translation>SSH 主机 %1</translation>
    </message>
    <message>
        <source>%1, runs in %2 with %3 %4</source>
        <translation>%1，在 %2 中用 %3 运行 %4</translation>
    </message>
    <message>
        <source>SLURM on %1</source>
        <translation>%1 上的 SLURM</translation>
    </message>
    <message>
        <source>sbatch %1 on %2, runs in %3 %4</source>
        <translation>在 %2 上 sbatch %1，在 %3 中运行 %4</translation>
    </message>
    <message>
        <source>as in Settings (1)</source>
        <translation>同设置（1）</translation>
    </message>
    <message>
        <source>as in Settings (%1)</source>
        <translation>同设置（%1）</translation>
    </message>
    <message>
        <source>as in Settings (%1 GB)</source>
        <translation>同设置（%1 GB）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number of GiB or auto</source>
        <translation>%1：&quot;%2&quot; 既不是以 GiB 为单位的数字，也不是 auto</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an amount of US dollars</source>
        <translation>%1：&quot;%2&quot; 不是美元金额</translation>
    </message>
    <message>
        <source>%1: must be more than 0 GiB (leave it empty for no minimum)</source>
        <translation>%1：必须大于 0 GiB（留空表示无下限）</translation>
    </message>
    <message>
        <source>%1: must be more than $0 (leave it empty for no cap)</source>
        <translation>%1：必须大于 $0（留空表示不设上限）</translation>
    </message>
    <message>
        <source>backend.kind: &quot;%1&quot; is not set up in Settings &gt; Remote Backends…</source>
        <translation>backend.kind：&quot;%1&quot; 未在 设置 &gt; 远程后端… 中配置</translation>
    </message>
    <message>
        <source>min. VRAM auto: add a model to estimate it</source>
        <translation>最小显存 auto：添加模型后才能估算</translation>
    </message>
    <message>
        <source>min. VRAM auto: estimating with owb estimate-vram…</source>
        <translation>最小显存 auto：正在用 owb estimate-vram 估算…</translation>
    </message>
    <message>
        <source>min. VRAM auto = %1 GiB (%2 needs the most)</source>
        <translation>最小显存 auto = %1 GiB（%2 需求最大）</translation>
    </message>
    <message numerus="yes">
        <source>worst case $%1/hour (%n pod(s) at once x $%2/hour)</source>
        <translation>
            <numerusform>最坏情况 $%1/小时（同时 %n 个 pod x $%2/小时）</numerusform>
        </translation>
    </message>
    <message>
        <source>max. total $%1 lasts at least %2 h at that rate</source>
        <translation>按此费率，最高总额 $%1 至少可用 %2 小时</translation>
    </message>
    <message>
        <source>Estimate: set min. VRAM to auto or a max. $/hour to see the VRAM and the worst-case cost here.</source>
        <translation>估算：将最小显存设为 auto 或设置每小时最高金额，即可在此查看显存和最坏情况下的费用。</translation>
    </message>
    <message>
        <source>Estimate: %1</source>
        <translation>估算：%1</translation>
    </message>
    <message>
        <source>as in Settings (terminate)</source>
        <translation>同设置（终止）</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SweepEditor</name>
    <message>
        <source>Names the folder the runs go to: &lt;workspace&gt;/runs/&lt;name&gt;/.</source>
        <translation>运行结果写入的文件夹名称:&lt;workspace&gt;/runs/&lt;name&gt;/。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Add Model Folder…</source>
        <translation>添加模型文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>P&amp;ick…</source>
        <translation>选择(&amp;I)…</translation>
    </message>
    <message>
        <source>Pick models from the catalog, a checked checkpoint folder or a Hugging Face id.</source>
        <translation>从目录、经检查的检查点文件夹或 Hugging Face ID 中选择模型。</translation>
    </message>
    <message>
        <source>Analyses</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>&amp;Outliers</source>
        <translation>离群值(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Perplexity</source>
        <translation>困惑度(&amp;P)</translation>
    </message>
    <message>
        <source>Outliers + perplexity in &amp;one pass</source>
        <translation>离群值 + 困惑度一次完成(&amp;O)</translation>
    </message>
    <message>
        <source>Systematic-outlier criteria</source>
        <translation>系统性离群值判据</translation>
    </message>
    <message>
        <source>|x| at or above this counts as an outlier.</source>
        <translation>|x| 达到或超过此值即算作离群值。</translation>
    </message>
    <message>
        <source>Fraction of analysed hook tensors a dimension must hit.</source>
        <translation>一个维度必须命中的已分析钩子张量比例。</translation>
    </message>
    <message>
        <source>Fraction of sequence positions a dimension must hit.</source>
        <translation>一个维度必须命中的序列位置比例。</translation>
    </message>
    <message>
        <source>&amp;Dettmers 2022</source>
        <translation>Dettmers 2022(&amp;D)</translation>
    </message>
    <message>
        <source>Magnitude 6.0, 25 % of layers, 6 % of positions (LLM.int8(), Dettmers et al. 2022).</source>
        <translation>幅值 6.0,25% 的层,6% 的位置(LLM.int8(),Dettmers 等,2022)。</translation>
    </message>
    <message>
        <source>Magnitude threshold:</source>
        <translation>幅值阈值:</translation>
    </message>
    <message>
        <source>Min. layer share:</source>
        <translation>最小层比例:</translation>
    </message>
    <message>
        <source>Min. sequence share:</source>
        <translation>最小位置比例:</translation>
    </message>
    <message>
        <source>Dataset and run options</source>
        <translation>数据集与运行选项</translation>
    </message>
    <message>
        <source>.txt or .jsonl file, or a folder of them</source>
        <translation>.txt 或 .jsonl 文件,或包含它们的文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集:</translation>
    </message>
    <message>
        <source>Sequences:</source>
        <translation>序列数:</translation>
    </message>
    <message>
        <source>Sequence length (tokens):</source>
        <translation>序列长度(词元):</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小:</translation>
    </message>
    <message>
        <source>Weights dtype:</source>
        <translation>权重数据类型:</translation>
    </message>
    <message>
        <source>&amp;Save Sweep…</source>
        <translation>保存参数扫描(&amp;S)…</translation>
    </message>
    <message>
        <source>L&amp;oad Sweep…</source>
        <translation>加载参数扫描(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <source>Sweep &amp;name:</source>
        <translation>参数扫描名称(&amp;N):</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more threshold set(s) from the file</source>
        <translation>
            <numerusform>+ 文件中另外 %n 组阈值</numerusform>
        </translation>
    </message>
    <message>
        <source>models[%1]: %2 has no config.json</source>
        <translation>models[%1]:%2 没有 config.json</translation>
    </message>
    <message>
        <source>dataset.name: %1 does not exist</source>
        <translation>dataset.name:%1 不存在</translation>
    </message>
    <message>
        <source>Open a workspace first: runs are written to &lt;workspace&gt;/runs/.</source>
        <translation>请先打开工作区:运行结果写入 &lt;workspace&gt;/runs/。</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n job(s).</source>
        <translation>
            <numerusform>排队 %n 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Model Folder</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <source>Choose Dataset</source>
        <translation>选择数据集</translation>
    </message>
    <message>
        <source>Text datasets (*.jsonl *.txt);;All files (*)</source>
        <translation>文本数据集 (*.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Sweep</source>
        <translation>保存参数扫描</translation>
    </message>
    <message>
        <source>Sweep files (*.json)</source>
        <translation>参数扫描文件 (*.json)</translation>
    </message>
    <message>
        <source>Load Sweep</source>
        <translation>加载参数扫描</translation>
    </message>
</context>
<context>
    <name>owb::widgets::SystematicTableView</name>
    <message>
        <source>No systematic-outlier list: select a run with a final_analysis_results.json.</source>
        <translation>没有系统性离群值列表:请选择一个带有 final_analysis_results.json 的运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) from the %1. Percentages are fractions of hook tensors (layer %) and of positions (seq %).</source>
        <translation>
            <numerusform>%n 条记录,来自%1。百分比为钩子张量(层 %)和位置(位置 %)的比例。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>owb::widgets::TabExport</name>
    <message>
        <source>Super-weight cards (CSV, JSON)</source>
        <translation>超级权重卡片 (CSV, JSON)</translation>
    </message>
    <message>
        <source>Super-weight detection plot (PNG, SVG)</source>
        <translation>超级权重检测图 (PNG, SVG)</translation>
    </message>
    <message>
        <source>Compare table (CSV, JSON)</source>
        <translation>运行比较表 (CSV, JSON)</translation>
    </message>
    <message>
        <source>Compare config differences (CSV, JSON)</source>
        <translation>config.json 差异 (CSV, JSON)</translation>
    </message>
    <message>
        <source>Compare profile of dim %1 (PNG, SVG)</source>
        <translation>维度 %1 的比较剖面图 (PNG, SVG)</translation>
    </message>
</context>
<context>
    <name>owb::widgets::WorkspaceExport</name>
    <message>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>%1: no run has both %2 and %3</source>
        <translation>%1:没有运行同时具有 %2 和 %3</translation>
    </message>
    <message>
        <source>%1: max |x| per hook point and feature dimension</source>
        <translation>%1:每个钩子点和特征维度的最大 |x|</translation>
    </message>
    <message>
        <source>%1: no layer_stats.json, no heatmap</source>
        <translation>%1:没有 layer_stats.json,没有热力图</translation>
    </message>
    <message>
        <source>%1: not a folder</source>
        <translation>%1:不是文件夹</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1:无法创建文件夹</translation>
    </message>
    <message>
        <source>%1: no run folders</source>
        <translation>%1:没有运行文件夹</translation>
    </message>
</context>
</TS>

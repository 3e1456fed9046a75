<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>doldo</name>
    <message>
        <location filename="../algorithms/colocalization.py" line="22"/>
        <source>{n} pair</source>
        <translation>{n} 个行业对</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="22"/>
        <source>{n} pairs</source>
        <translation>{n} 个行业对</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="30"/>
        <source>the industries {join}</source>
        <translation>行业 {join}</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="31"/>
        <source>the {min} largest industries</source>
        <translation>最大的 {min} 个行业</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="118"/>
        <source>Co-localization of industries</source>
        <translation>行业协同集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="54"/>
        <source>Industries to pair (codes separated by commas; empty = the largest industries, as many as below)</source>
        <translation>配对的行业（行业代码，以逗号分隔；留空 = 最大的若干行业，数量见下一项）</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="57"/>
        <source>Number of largest industries to pair (when &apos;Industries to pair&apos; is empty)</source>
        <translation>参与配对的最大行业数（“配对的行业”留空时）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="142"/>
        <source>Convention</source>
        <translation>计算约定</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="62"/>
        <source>Pairs (one row per industry pair)</source>
        <translation>行业对（每个行业对一行）</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="62"/>
        <source>Curves (one row per pair and distance)</source>
        <translation>曲线（每个行业对、每个距离一行）</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="62"/>
        <source>Pairs computed</source>
        <translation>已计算的行业对</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="62"/>
        <source>Pairs co-localized</source>
        <translation>协同集聚的行业对</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="75"/>
        <source>Co-localization of {chosen} of &apos;{code_field}&apos;, {size} distances {span}, {n_sim} simulations per pair{value}</source>
        <translation>对“{code_field}”中{chosen}计算协同集聚：{size} 个距离（{span}），每个行业对 {n_sim} 次模拟{value}</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="96"/>
        <source>, on the dask cluster</source>
        <translation>，在 dask 集群上运行</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="89"/>
        <source>{industry_a} × {industry_b} ({firms_a} × {firms_b} firms): {text}</source>
        <translation>{industry_a} × {industry_b}（{firms_a} × {firms_b} 家企业）：{text}</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="92"/>
        <source>{pairs_text}: {co} co-localized</source>
        <translation>{pairs_text}：{co} 个协同集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="104"/>
        <source>Co-localization: pairs</source>
        <translation>协同集聚：行业对</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="104"/>
        <source>Co-localization: curves</source>
        <translation>协同集聚：曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="280"/>
        <source>industries</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="184"/>
        <source>convention</source>
        <translation>计算约定</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="120"/>
        <source>Every pair of {chosen}.</source>
        <translation>{chosen}的每一个行业对。</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="121"/>
        <source>{pairs_text}: {co} co-localized (Γ_AB &gt; 0).</source>
        <translation>{pairs_text}：{co} 个协同集聚（Γ_AB &gt; 0）。</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="128"/>
        <source>Γ_AB over the pairs</source>
        <translation>各行业对的 Γ_AB</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="129"/>
        <source>Γ_AB (co-localization index)</source>
        <translation>Γ_AB（协同集聚指数）</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="129"/>
        <source>heatmap of the co-localization index</source>
        <translation>协同集聚指数热力图</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="134"/>
        <source>Every pair's curve, strongest first (by Γ_AB, then Ψ_AB)</source>
        <translation>每个行业对的曲线，按强度排序（先按 Γ_AB，再按 Ψ_AB）</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="135"/>
        <source>K-density of A-B distances</source>
        <translation>A-B 间距离的K密度函数</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="135"/>
        <source>curves of every pair, strongest first</source>
        <translation>每个行业对的曲线，按强度排序</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="141"/>
        <source>Pairs</source>
        <translation>行业对</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="142"/>
        <source>industry A</source>
        <translation>行业 A</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="142"/>
        <source>industry B</source>
        <translation>行业 B</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="142"/>
        <source>firms A</source>
        <translation>A 的企业数</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="142"/>
        <source>firms B</source>
        <translation>B 的企业数</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="244"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../algorithms/colocalization.py" line="150"/>
        <source>pair {a}-{b}: {msg}</source>
        <translation>行业对 {a}-{b}：{msg}</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="248"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="31"/>
        <source>Agglomeration analysis</source>
        <translation>产业集聚分析</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="32"/>
        <source>Whole economy</source>
        <translation>整体经济</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="33"/>
        <source>Baselines</source>
        <translation>基准方法</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="34"/>
        <source>Test data and evaluation</source>
        <translation>测试数据与评估</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="37"/>
        <source>DO-LDO stopped on an internal error ({kind}: {text}). This is a bug, not a problem of your data: please report it with the log above.</source>
        <translation>DO-LDO 因内部错误而停止（{kind}：{text}）。这是程序缺陷，不是您数据的问题：请连同上方日志一起报告。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="46"/>
        <source>Engine: {engine}</source>
        <translation>计算引擎：{engine}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="49"/>
        <source>First run with numba: it compiles DO-LDO&apos;s kernels once (about half a minute); later runs load them</source>
        <translation>首次使用 numba 运行：DO-LDO 的计算内核需要编译一次（约半分钟），之后的运行直接加载</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="54"/>
        <source>numba is installed but does not load ({error}): DO-LDO runs on its numpy engine (the same results, slower). Remove or reinstall that numba: the &apos;Install numba&apos; button of the DO-LDO notice installs one that fits this QGIS</source>
        <translation>numba 已安装但无法加载（{error}）：DO-LDO 改用 numpy 引擎运行（结果相同，速度较慢）。请删除或重新安装该 numba：DO-LDO 提示栏中的“安装 numba”按钮会安装与本 QGIS 匹配的版本</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="165"/>
        <source>Removed the incomplete output file(s): {files}</source>
        <translation>已删除未完成的输出文件：{files}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="175"/>
        <source>Could not write or read a file{where}: {error}</source>
        <translation>无法写入或读取文件{where}：{error}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="179"/>
        <source>Not enough memory for this run: use fewer firms, fewer &apos;Monte-Carlo simulations&apos; or a coarser &apos;Distance step&apos;</source>
        <translation>内存不足，无法完成本次运行：请减少企业数、减少“蒙特卡洛模拟次数”或加大“距离步长”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="235"/>
        <source>Weight field (e.g. employees; empty = unweighted)</source>
        <translation>权重字段（如从业人数；留空 = 不加权）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="266"/>
        <source>SEED not given: using seed {seed} (give SEED={seed} to repeat this run exactly)</source>
        <translation>未给定 SEED：使用随机种子 {seed}（设置 SEED={seed} 可完全重现本次运行）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/algorithm.py" line="279"/>
        <source>{label} must be a point layer (one point per firm); got geometry type {geometry}</source>
        <translation>{label} 必须是点图层（每家企业一个点）；实际几何类型为 {geometry}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="85"/>
        <source>{label} holds exactly the industry's {n} firms: every simulated draw would be the industry itself, so the band would be its own curve and Γ(A) = 0 would say nothing. Give all firms of the economy (every industry) as {label}</source>
        <translation>{label} 恰好只包含该行业的 {n} 家企业：每次模拟抽样都会得到该行业本身，置信带就是其自身的曲线，Γ(A) = 0 也就没有意义。请将整体经济的全部企业（所有行业）作为 {label}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="93"/>
        <source>none of the industry&apos;s {n} firms is in {label}: the background should be all firms of the economy, the industry&apos;s own included, so that the draws compare the industry with the whole economy; add the industry&apos;s firms to the background (or check that both layers are the same data)</source>
        <translation>该行业的 {n} 家企业都不在 {label} 中：背景企业应当是整体经济的全部企业（包括该行业自身的企业），这样抽样才是把该行业与整体经济相比较；请把该行业的企业加入背景企业（或检查两个图层是否为同一数据）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="100"/>
        <source>{missing} of the industry&apos;s {n} firms are not in {label} (no background firm at their location): the background should be all firms of the economy, the industry&apos;s own included</source>
        <translation>该行业的 {n} 家企业中有 {missing} 家不在 {label} 中（其位置上没有背景企业）：背景企业应当是整体经济的全部企业，包括该行业自身的企业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="105"/>
        <source>the industry is {n:.0f} % of {label} ({n2} of {m} firms): the simulated draws are mostly the industry's own firms, so the band hugs its curve and Γ(A) is small; use all firms of the economy as background</source>
        <translation>该行业占 {label} 的 {n:.0f} %（{m} 家中的 {n2} 家）：模拟抽样的大多是该行业自身的企业，置信带紧贴其曲线，Γ(A) 因而偏小；请使用整体经济的全部企业作为背景企业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="116"/>
        <source>industry {code} is {n:.0f} % of the background ({n2} of {m} firms): its draws are mostly its own firms, so its band hugs its curve and its Γ says little. A catch-all code (e.g. 'Other') is better left NULL: its firms then stay in the background only</source>
        <translation>行业 {code} 占背景企业的 {n:.0f} %（{m} 家中的 {n2} 家）：其抽样大多是自身的企业，置信带紧贴其曲线，其 Γ 说明不了什么。兜底代码（如“其他”）最好设为 NULL：这些企业就只留在背景企业中</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="128"/>
        <source>every distance is at or beyond the largest distance between two industry firms ({span:.6g} {units}): the DO curve would be 0 everywhere. Lower &apos;Smallest distance&apos; and &apos;Largest distance&apos;</source>
        <translation>所有距离都不小于两家行业企业之间的最大距离（{span:.6g} {units}）：DO曲线处处为 0。请调小“最小距离”和“最大距离”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="133"/>
        <source>the 'Largest distance' ({d_max:g} {units}) is beyond the largest distance between two industry firms ({span:.6g} {units}): the curve is about 0 past it and Γ(A) gains nothing there; a smaller 'Largest distance' gives a finer step for the same number of distances</source>
        <translation>“最大距离”（{d_max:g} {units}）超出了两家行业企业之间的最大距离（{span:.6g} {units}）：超出部分曲线约为 0，Γ(A) 在那里没有增益；较小的“最大距离”在相同距离个数下步长更细</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="147"/>
        <source>the &apos;Distance step&apos; ({step:g} {units}) is larger than the bandwidth h ({h:.4g} {units}): the curve changes over about h, so steps this coarse can miss its crests and troughs, and h_max is only known to a step; use a step of at most {n:.3g} {units}</source>
        <translation>“距离步长”（{step:g} {units}）大于带宽 h（{h:.4g} {units}）：曲线在约 h 的尺度上变化，如此粗的步长可能漏掉其波峰和波谷，h_max 也只能精确到一个步长；请使用不超过 {n:.3g} {units} 的步长</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="153"/>
        <source>the distances end at {end:g} {units}, less than three bandwidths (h = {h:.4g} {units}): the curve is smoothed over most of the range, so agglomeration and its boundary h_max cannot show; extend the &apos;Largest distance&apos;{lower}</source>
        <translation>距离止于 {end:g} {units}，不到三个带宽（h = {h:.4g} {units}）：曲线在大部分范围内被平滑，集聚及其边界 h_max 无法显现；请加大“最大距离”{lower}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="153"/>
        <source> or lower the &apos;Kernel bandwidth h&apos;</source>
        <translation>或减小“核带宽 h”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="161"/>
        <source>'Monte-Carlo simulations' = 0: the observed curve only, without a band, Γ, Ψ or h_max; give simulations (1000 is the paper's) to test it</source>
        <translation>“蒙特卡洛模拟次数” = 0：只计算观测曲线，没有置信带、Γ、Ψ 和 h_max；请给出模拟次数（论文用 1000）以进行检验</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="164"/>
        <source>only {n_sim} simulations: the global band is set by its few most extreme draws, so Γ(A) and h_max vary from seed to seed; the paper uses 1000</source>
        <translation>仅 {n_sim} 次模拟：全局置信带由少数最极端的抽样决定，Γ(A) 和 h_max 会随随机种子变化；论文使用 1000 次</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="179"/>
        <source>{name} = {h:g} {units} is larger than the largest distance between two industry firms ({span:.6g} {units}): every firm weighs every other about equally, so the LDO index hardly differs between firms and its core firms mean little; use the h_max of &apos;DO curve and localization index&apos;</source>
        <translation>{name} = {h:g} {units} 大于两家行业企业之间的最大距离（{span:.6g} {units}）：每家企业对其他企业的权重几乎相同，各企业的局部DO指数差别很小，其核心企业意义不大；请使用“DO曲线与集聚指数”得到的 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="193"/>
        <source>{name} = {h:g} {units} is small: {n:.0f} % of the firms have no other firm within 3 ĥ, so their LDO is about 0 and the core firms are the few with a close neighbour; check the units of ĥ (the layer is in {units}) or use h_max</source>
        <translation>{name} = {h:g} {units} 过小：{n:.0f} % 的企业在 3 ĥ 范围内没有其他企业，其局部DO指数约为 0，核心企业只是少数有近邻的企业；请检查 ĥ 的单位（图层单位为 {units}）或使用 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="199"/>
        <source>'Peak distance d̂' = {peak:g} {units} is beyond the largest distance between two industry firms ({span:.6g} {units}): every LDO value is about 0</source>
        <translation>“峰值距离 d̂” = {peak:g} {units} 超出了两家行业企业之间的最大距离（{span:.6g} {units}）：所有局部DO指数值都约为 0</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="210"/>
        <source>'Boundary distance ĥ' is ignored at the local scale (every firm uses its own h_i); choose the global 'Scale' to use it</source>
        <translation>在局部尺度下“边界距离 ĥ”不起作用（每家企业使用自己的 h_i）；若要使用它，请选择全局“尺度”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="214"/>
        <source>&apos;Weight mode&apos; is ignored without a &apos;Weight field&apos;</source>
        <translation>没有“权重字段”时“权重方式”不起作用</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="216"/>
        <source>the &apos;Background&apos; is ignored with the &apos;Selection of core firms&apos; threshold (only the local test draws from it)</source>
        <translation>“核心企业判定方式”为阈值时“背景企业”不起作用（只有局部检验从中抽样）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/checks.py" line="223"/>
        <source>only {n_sim} simulations in the local test: a firm is core when it beats all {n_sim}, a test at level {n:.2g}; the paper uses 999</source>
        <translation>局部检验仅 {n_sim} 次模拟：企业必须超过全部 {n_sim} 次模拟才算核心企业，相当于水平为 {n:.2g} 的检验；论文使用 999 次</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="24"/>
        <source>&apos;{label}&apos; is empty and the median distance between the industry&apos;s firms is 0 (more than half of the pairs are at the same location): give &apos;{label}&apos;</source>
        <translation>“{label}”为空，且该行业企业之间距离的中位数为 0（一半以上的企业对位于同一位置）：请给出“{label}”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="79"/>
        <source>&apos;{label}&apos; is empty: the distances start with the median pair distance of the industry, {d_max:.6g} {units}, and are extended while h_max is only the last distance</source>
        <translation>“{label}”为空：距离从该行业企业对距离的中位数 {d_max:.6g} {units} 开始，并在 h_max 仍为最后一个距离时继续延长</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="84"/>
        <source>&apos;{label}&apos; is empty: the distances start with the median pair distance of the industry, {d_max:.6g} {units} (estimated from 2,000,000 random pairs), and are extended while h_max is only the last distance</source>
        <translation>“{label}”为空：距离从该行业企业对距离的中位数 {d_max:.6g} {units}（由 2,000,000 个随机企业对估计）开始，并在 h_max 仍为最后一个距离时继续延长</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="207"/>
        <source>'{label}' is empty: (largest − smallest distance) / 100 = {step:.6g} {units}</source>
        <translation>“{label}”为空：（最大距离 − 最小距离）/ 100 = {step:.6g} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="118"/>
        <source>DO curve of {n} firms: {size} distances from {d_min:g} to {distances:g} {units}, {n_sim} simulations from {value} background firms, global band at {significance:g} % significance</source>
        <translation>{n} 家企业的DO曲线：{size} 个距离，从 {d_min:g} 到 {distances:g} {units}，从 {value} 家背景企业中模拟 {n_sim} 次，全局置信带显著性水平 {significance:g} %</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="131"/>
        <source>h_max is only the last distance ({distances:g} {units}): Γ(A,d) has not come back to 0, so the distances are extended by half to {longer:g} {units} (the same step, {step:.6g} {units}; at most the industry's largest pair distance, {limit:.6g} {units})</source>
        <translation>h_max 只是最后一个距离（{distances:g} {units}）：Γ(A,d) 尚未回落到 0，因此把距离延长一半至 {longer:g} {units}（步长不变，{step:.6g} {units}；最多到该行业企业对的最大距离 {limit:.6g} {units}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="140"/>
        <source>h_max is only the last distance ({distances:g} {units}) even with the distances extended to the industry's largest pair distance ({limit:.6g} {units}): Γ(A,d) does not come back to 0 within the industry, so h_max is not a boundary</source>
        <translation>即使把距离延长到该行业企业对的最大距离（{limit:.6g} {units}），h_max 仍只是最后一个距离（{distances:g} {units}）：Γ(A,d) 在该行业范围内不回落到 0，因此 h_max 不是边界</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="153"/>
        <source>No h_max: {reason}; h_max is NULL</source>
        <translation>没有 h_max：{reason}；h_max 为 NULL</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="153"/>
        <source>the industry is not localized at the first distance (Γ(A, d) = 0 there)</source>
        <translation>该行业在第一个距离上不集聚（该处 Γ(A, d) = 0）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="158"/>
        <source>h_max = {h_max:g} {units} ({reason})</source>
        <translation>h_max = {h_max:g} {units}（{reason}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="161"/>
        <source>h_max of each half of the simulations: {halves_text}</source>
        <translation>两半模拟各自的 h_max：{halves_text}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="164"/>
        <source>{size} distances from {d_min:g} to {distances:g} {units}, step {step:g}</source>
        <translation>{size} 个距离，从 {d_min:g} 到 {distances:g} {units}，步长 {step:g}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="169"/>
        <source> (chosen from the data: the median pair distance {start:.6g}, extended to {distances:g})</source>
        <translation>（由数据确定：企业对距离的中位数 {start:.6g}，延长至 {distances:g}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="172"/>
        <source> (chosen from the data: the median pair distance {start:.6g})</source>
        <translation>（由数据确定：企业对距离的中位数 {start:.6g}）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="424"/>
        <source>industry firms</source>
        <translation>行业企业</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="425"/>
        <source>background firms</source>
        <translation>背景企业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="258"/>
        <source>distances</source>
        <translation>距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="260"/>
        <source>simulations</source>
        <translation>模拟次数</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="261"/>
        <source>significance level of the global band</source>
        <translation>全局置信带的显著性水平</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="559"/>
        <source>bandwidth h</source>
        <translation>带宽 h</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="180"/>
        <source> (fixed)</source>
        <translation>（固定）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="180"/>
        <source> (Eq. 2: Silverman&apos;s rule on the pair distances)</source>
        <translation>（公式 2：基于企业对距离的 Silverman 法则）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="262"/>
        <source>weight field</source>
        <translation>权重字段</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="183"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="105"/>
        <source>method</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="186"/>
        <source>h_max rule</source>
        <translation>h_max 规则</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="262"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="265"/>
        <source>CRS</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="265"/>
        <source>distance unit</source>
        <translation>距离单位</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="196"/>
        <source> and </source>
        <translation> 和 </translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="109"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="416"/>
        <source>DO curve</source>
        <translation>DO曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="201"/>
        <source>DO curve with its global band</source>
        <translation>DO曲线及其全局置信带</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="204"/>
        <source>h_max of each half of the simulations (stability)</source>
        <translation>两半模拟各自的 h_max（稳定性）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="207"/>
        <source>bandwidth h of the observed curve</source>
        <translation>观测曲线的带宽 h</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="208"/>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="183"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="210"/>
        <source>No h_max: {reason}. The global scale needs a boundary distance.</source>
        <translation>没有 h_max：{reason}。全局尺度需要边界距离。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="210"/>
        <source>the industry is not localized at the first distance</source>
        <translation>该行业在第一个距离上不集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/common/curve.py" line="214"/>
        <source>h_max: {reason}</source>
        <translation>h_max：{reason}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/destinations.py" line="131"/>
        <source>Cannot write the output {name} ({description}) to {path}: {problem}</source>
        <translation>无法把输出 {name}（{description}）写入 {path}：{problem}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/destinations.py" line="139"/>
        <source>it is a folder, give a file name</source>
        <translation>这是一个文件夹，请给出文件名</translation>
    </message>
    <message>
        <location filename="../algorithms/common/destinations.py" line="146"/>
        <source>{ancestor} is a file, not a folder</source>
        <translation>{ancestor} 是文件而不是文件夹</translation>
    </message>
    <message>
        <location filename="../algorithms/common/destinations.py" line="147"/>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <location filename="../algorithms/common/destinations.py" line="153"/>
        <source>the file is not writable ({strerror})</source>
        <translation>文件不可写（{strerror}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/destinations.py" line="160"/>
        <source>the folder {folder} is not writable ({strerror})</source>
        <translation>文件夹 {folder} 不可写（{strerror}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="28"/>
        <source>Industry field</source>
        <translation>行业字段</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="34"/>
        <source>All firms (points, with an industry code)</source>
        <translation>全部企业（点，带行业代码）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="35"/>
        <source>{label} (a code per firm: text or number)</source>
        <translation>{label}（每家企业一个代码：文本或数字）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="42"/>
        <source>Background: all firms (empty = the layer of all firms above)</source>
        <translation>背景企业：全部企业（留空 = 上面的全部企业图层）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="47"/>
        <source>{label} ({units}; empty = median distance between all firms)</source>
        <translation>{label}（{units}；留空 = 全部企业之间距离的中位数）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="114"/>
        <source>{label} ({units}; empty = (largest − smallest distance) / 100)</source>
        <translation>{label}（{units}；留空 = （最大距离 − 最小距离）/ 100）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="59"/>
        <source>Dask scheduler address (e.g. tcp://host:8786; empty = run on this machine)</source>
        <translation>Dask 调度器地址（如 tcp://host:8786；留空 = 在本机运行）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="75"/>
        <source>DASK_SCHEDULER &apos;{address}&apos; is a TLS address, but dask&apos;s configuration does not give {join}: set them (and distributed.comm.tls.client.key if the key is a file of its own) in ~/.config/dask/distributed.yaml or as DASK_DISTRIBUTED__COMM__TLS__... environment variables, then restart QGIS</source>
        <translation>DASK_SCHEDULER“{address}”是 TLS 地址，但 dask 的配置中没有 {join}：请在 ~/.config/dask/distributed.yaml 中或以 DASK_DISTRIBUTED__COMM__TLS__... 环境变量设置它们（若密钥是单独的文件，还需设置 distributed.comm.tls.client.key），然后重启 QGIS</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="96"/>
        <source>A dask scheduler address needs the Python package &apos;distributed&apos;, which this QGIS does not have: install it into QGIS&apos;s Python (e.g. &apos;{python} -m pip install distributed&apos;, from the OSGeo4W shell on Windows), or leave &apos;Dask scheduler address&apos; empty to run on this machine</source>
        <translation>使用 Dask 调度器地址需要 Python 包 distributed，而本 QGIS 没有安装：请把它安装到 QGIS 的 Python 中（如“{python} -m pip install distributed”，Windows 上在 OSGeo4W 命令行中运行），或将“Dask 调度器地址”留空以在本机运行</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="107"/>
        <source>DASK_SCHEDULER &apos;{address}&apos;: DO-LDO connects to a dask scheduler over tcp:// or tls:// only, not {scheme}://; give its tcp:// or tls:// address</source>
        <translation>DASK_SCHEDULER“{address}”：DO-LDO 只通过 tcp:// 或 tls:// 连接 dask 调度器，不支持 {scheme}://；请给出其 tcp:// 或 tls:// 地址</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="112"/>
        <source>&apos;{address}&apos; is not a dask scheduler address: give it as tcp://host:8786 (the address &apos;dask scheduler&apos; prints)</source>
        <translation>“{address}”不是 dask 调度器地址：请写成 tcp://host:8786（即 dask scheduler 命令打印的地址）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="116"/>
        <source>Connecting to the dask scheduler at {address} ...</source>
        <translation>正在连接 {address} 上的 dask 调度器……</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="122"/>
        <source>Could not reach the dask scheduler at {address} within {SCHEDULER_TIMEOUT} s ({name}: {exc}). Check the address (tcp://host:8786) and that &apos;dask scheduler&apos; runs there, or leave &apos;Dask scheduler address&apos; empty to run on this machine</source>
        <translation>无法在 {SCHEDULER_TIMEOUT} 秒内连上 {address} 上的 dask 调度器（{name}：{exc}）。请检查地址（tcp://host:8786）以及该处是否运行着 dask scheduler，或将“Dask 调度器地址”留空以在本机运行</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="132"/>
        <source>The dask scheduler at {address} did not answer ({name}: {exc})</source>
        <translation>{address} 上的 dask 调度器没有响应（{name}：{exc}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="137"/>
        <source>The dask scheduler at {address} has no workers: start some with &apos;dask worker {address}&apos;</source>
        <translation>{address} 上的 dask 调度器没有工作节点：请用“dask worker {address}”启动一些</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="141"/>
        <source>Dask: {n_workers} worker(s), {threads} thread(s) at {address}</source>
        <translation>Dask：{n_workers} 个工作节点，{threads} 个线程，地址 {address}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="165"/>
        <source>the &apos;{label}&apos; (&apos;{code_field}&apos;) is NULL or blank for every firm: choose the field that holds each firm&apos;s industry code</source>
        <translation>“{label}”（“{code_field}”）对每家企业都是 NULL 或空白：请选择存放各企业行业代码的字段</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="171"/>
        <source>{missing} firm(s) have no industry code (NULL or blank in &apos;{code_field}&apos;): they stay in the background but belong to no industry</source>
        <translation>{missing} 家企业没有行业代码（“{code_field}”中为 NULL 或空白）：它们留在背景企业中，但不属于任何行业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="193"/>
        <source>&apos;{label}&apos; is empty and the median distance between the firms is 0: give &apos;{label}&apos;</source>
        <translation>“{label}”为空，且企业之间距离的中位数为 0：请给出“{label}”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="197"/>
        <source>&apos;{label}&apos; is empty: the median distance between all firms, {d_max:.6g} {units}</source>
        <translation>“{label}”为空：取全部企业之间距离的中位数 {d_max:.6g} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="201"/>
        <source>&apos;{label}&apos; is empty: the median distance between all firms, {d_max:.6g} {units} (estimated from 2,000,000 random pairs)</source>
        <translation>“{label}”为空：取全部企业之间距离的中位数 {d_max:.6g} {units}（由 2,000,000 个随机企业对估计）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="211"/>
        <source>from {d_min:g} to {distances:g} {units}, step {step:g}</source>
        <translation>从 {d_min:g} 到 {distances:g} {units}，步长 {step:g}</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="268"/>
        <source>firms</source>
        <translation>企业数</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="256"/>
        <source>industry field</source>
        <translation>行业字段</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="258"/>
        <source>{size} distances {span}</source>
        <translation>{size} 个距离，{span}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="263"/>
        <source>ran on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="263"/>
        <source>this machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="263"/>
        <source>a dask cluster</source>
        <translation>dask 集群</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="112"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="112"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="327"/>
        <source>Global band of each curve at {confidence:g} % significance</source>
        <translation>每条曲线的全局置信带显著性水平为 {confidence:g} %</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="330"/>
        <source>Only {n_sim} simulations: the bands are coarse; Duranton and Overman used 1000</source>
        <translation>仅 {n_sim} 次模拟：置信带较粗糙；Duranton 和 Overman 使用 1000 次</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy_charts.py" line="19"/>
        <source>localized: Γ(A, d) &gt; 0</source>
        <translation>集聚：Γ(A, d) &gt; 0</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy_charts.py" line="21"/>
        <source>dispersed: Ψ(A, d) &gt; 0</source>
        <translation>分散：Ψ(A, d) &gt; 0</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="230"/>
        <source>distance d ({units})</source>
        <translation>距离 d（{units}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy_charts.py" line="24"/>
        <source>industries (%)</source>
        <translation>行业占比（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy_charts.py" line="33"/>
        <source>observed K-density</source>
        <translation>观测K密度</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy_charts.py" line="34"/>
        <source>global band of the simulations</source>
        <translation>模拟得到的全局置信带</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="78"/>
        <source>h_max (boundary distance)</source>
        <translation>h_max（边界距离）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy_charts.py" line="68"/>
        <source>K-density</source>
        <translation>K密度</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>first decline of Γ(A,d) to 0</source>
        <translation>Γ(A,d) 首次降到 0 处</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>first trough of Γ(A,d)</source>
        <translation>Γ(A,d) 的第一个波谷</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>first significant trough of Γ(A,d) (prominence &gt;= 2 % of its largest value)</source>
        <translation>Γ(A,d) 的第一个显著波谷（突出度 &gt;= 其最大值的 2 %）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>Γ(A,d) neither falls to 0 nor has a trough inside the distances</source>
        <translation>Γ(A,d) 在距离范围内既未降到 0，也没有波谷</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>Γ(A,d) neither falls to 0 nor has a significant trough inside the distances</source>
        <translation>Γ(A,d) 在距离范围内既未降到 0，也没有显著波谷</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>h_max is not defined for a co-localization</source>
        <translation>协同集聚不定义 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>localized</source>
        <translation>集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>dispersed</source>
        <translation>分散</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>neither</source>
        <translation>既不集聚也不分散</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>co-localized</source>
        <translation>协同集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>no agglomeration at the shortest distance (Γ(A,{d}) = 0): no h_max</source>
        <translation>最短距离上没有集聚（Γ(A,{d}) = 0）：没有 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>fewer than {n} firms ({k})</source>
        <translation>企业少于 {n} 家（{k}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>skipped: fewer than {n} firms ({k})</source>
        <translation>已跳过：企业少于 {n} 家（{k}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>skipped: {reason}</source>
        <translation>已跳过：{reason}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>numba is not installed: DO-LDO runs on its numpy engine (same results, slower). To install numba for this QGIS (numpy stays as it is), run: {command} and start QGIS again.</source>
        <translation>未安装 numba：DO-LDO 以 numpy 引擎运行（结果相同，速度较慢）。要为本 QGIS 安装 numba（numpy 保持不变），请运行：{command}，然后重新启动 QGIS。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>numba is not installed: DO-LDO runs on its numpy engine (same results, slower). It cannot be installed: {reason}.</source>
        <translation>未安装 numba：DO-LDO 以 numpy 引擎运行（结果相同，速度较慢）。无法安装：{reason}。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>Installing numba failed: {why}. DO-LDO keeps working on its numpy engine.</source>
        <translation>安装 numba 失败：{why}。DO-LDO 继续使用 numpy 引擎运行。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>{what} installed in {target}; restart QGIS to use it.</source>
        <translation>{what} 已安装到 {target}；重新启动 QGIS 后生效。</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="111"/>
        <source>Cancelled by the user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="220"/>
        <source>{k} core firms of {n} in {clusters} cluster(s)</source>
        <translation>{n} 家企业中有 {k} 家核心企业，分属 {clusters} 个集群</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="120"/>
        <source>{label} spans {width:.1f} degrees of longitude (around the globe, or across the 180° meridian): no UTM zone fits it, and distances would be wrong. Reproject the layers to a projected CRS made for the area (e.g. an equidistant one centred on it) and run again</source>
        <translation>{label} 跨越 {width:.1f} 度经度（环绕地球或跨越 180° 经线）：没有合适的 UTM 分带，距离将会出错。请把图层重投影到适合该区域的投影坐标系（如以其为中心的等距投影）后再运行</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="128"/>
        <source>{label} spans {width:.1f} degrees of longitude and {height:.1f} of latitude: in {authid} distances at its edges would be wrong by up to {n:.1f} %. Reproject the layers to an equidistant or local projected CRS that fits the whole area and run again</source>
        <translation>{label} 跨越 {width:.1f} 度经度、{height:.1f} 度纬度：在 {authid} 中其边缘处的距离误差可达 {n:.1f} %。请把图层重投影到覆盖整个区域的等距投影或局部投影坐标系后再运行</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="138"/>
        <source>{label} reaches beyond its UTM zone ({authid}): distances at its edges are too short by up to {n:.2g} %. For exact distances reproject the layers to a projected CRS made for the area first</source>
        <translation>{label} 超出了其 UTM 分带（{authid}）：边缘处的距离最多偏短 {n:.2g} %。如需精确距离，请先把图层重投影到适合该区域的投影坐标系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="142"/>
        <source>{label} reaches beyond its UTM zone ({authid}): distances at its edges are too long by up to {n:.2g} %. For exact distances reproject the layers to a projected CRS made for the area first</source>
        <translation>{label} 超出了其 UTM 分带（{authid}）：边缘处的距离最多偏长 {n:.2g} %。如需精确距离，请先把图层重投影到适合该区域的投影坐标系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="209"/>
        <source>user-defined CRS</source>
        <translation>用户自定义坐标参考系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="210"/>
        <source>{name} (not a real CRS: layer units)</source>
        <translation>{name}（不是真实的坐标参考系：使用图层单位）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="304"/>
        <source>{label} has no coordinate reference system</source>
        <translation>{label} 没有坐标参考系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="217"/>
        <source>The CRS of {label} is &apos;{description}&apos; (a file written without a CRS)</source>
        <translation>{label} 的坐标参考系是“{description}”（写入时未指定坐标参考系的文件）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="219"/>
        <source>The CRS of {label} ({value}) has no known distance unit</source>
        <translation>{label} 的坐标参考系（{value}）没有已知的距离单位</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="222"/>
        <source>{what}: distances are measured in its own coordinate units (&apos;layer units&apos;). If these are longitudes and latitudes, set the layer&apos;s CRS (e.g. EPSG:4326) and run again: degrees are not distances</source>
        <translation>{what}：距离以其自身的坐标单位（“图层单位”）度量。如果这些坐标是经纬度，请设置图层的坐标参考系（如 EPSG:4326）后再运行：度不是距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="261"/>
        <source>Distances are in the units of {crs_text}: {distance_units}</source>
        <translation>距离采用 {crs_text} 的单位：{distance_units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="318"/>
        <source>{label} has no features with a geometry</source>
        <translation>{label} 没有带几何的要素</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="290"/>
        <source>{label} is declared in {crs_text} (longitude and latitude in degrees), but its coordinates reach {far:.6g}: they are not degrees, so the layer&apos;s CRS is set wrongly. Set its real (projected) CRS in the layer properties (Source, Assigned CRS) and run again</source>
        <translation>{label} 声明为 {crs_text}（以度为单位的经纬度），但其坐标达到 {far:.6g}：这不是度，图层的坐标参考系设置有误。请在图层属性（源，指定的坐标参考系）中设置其真实的（投影）坐标参考系后再运行</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="273"/>
        <source>{label} is in the geographic CRS {crs_text} (degrees), which cannot measure distances: reprojected to {authid} ({description}, metres), the zone of the layer&apos;s centre ({x:.4f}, {y:.4f}). Outputs are in {authid}.</source>
        <translation>{label} 使用地理坐标参考系 {crs_text}（度），无法度量距离：已重投影到 {authid}（{description}，米），即图层中心（{x:.4f}, {y:.4f}）所在的分带。输出采用 {authid}。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="350"/>
        <source>layer units</source>
        <translation>图层单位</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="427"/>
        <source>{label}: reprojected from {crs_text} to {crs_text2}</source>
        <translation>{label}：已从 {crs_text} 重投影到 {crs_text2}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="435"/>
        <source>{label} has no field &apos;{weight_field}&apos; (the weight field): the background firms need the same weight field as the industry</source>
        <translation>{label} 没有字段“{weight_field}”（权重字段）：背景企业需要与行业企业同名的权重字段</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="440"/>
        <source>{label}: the weight field &apos;{weight_field}&apos; is not numeric</source>
        <translation>{label}：权重字段“{weight_field}”不是数值型</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="447"/>
        <source>{label} has no field &apos;{code_field}&apos;</source>
        <translation>{label} 没有字段“{code_field}”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="499"/>
        <source>{label}: {n_inf} firm(s) have NaN or infinite coordinates; remove or fix them first</source>
        <translation>{label}：{n_inf} 家企业的坐标为 NaN 或无穷大；请先删除或修正</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="503"/>
        <source>{label}: {n_nullw} feature(s) have NULL in the weight field &apos;{weight_field}&apos;; fill them in or filter them out</source>
        <translation>{label}：{n_nullw} 个要素的权重字段“{weight_field}”为 NULL；请填写或将其筛除</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="508"/>
        <source>{label}: {n_badw} feature(s) have a value that is not a number in the weight field &apos;{weight_field}&apos;</source>
        <translation>{label}：{n_badw} 个要素的权重字段“{weight_field}”的值不是数字</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="515"/>
        <source>{label}: {n_failed} feature(s) could not be reprojected to {authid} and were skipped</source>
        <translation>{label}：{n_failed} 个要素无法重投影到 {authid}，已跳过</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="520"/>
        <source>{label}: {n_skip} feature(s) without geometry (NULL, empty or NaN coordinates) were skipped</source>
        <translation>{label}：{n_skip} 个没有几何（NULL、空或 NaN 坐标）的要素已跳过</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="523"/>
        <source>{label}: {n_multi} multipoint feature(s) were exploded into one firm per point</source>
        <translation>{label}：{n_multi} 个多点要素已拆分为每点一家企业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="529"/>
        <source>{label}: {shape} firms read from {n_feat} features</source>
        <translation>{label}：从 {n_feat} 个要素中读取了 {shape} 家企业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="8"/>
        <source>&lt;p&gt;&lt;b&gt;Input.&lt;/b&gt; Point layers only. Features without geometry (NULL, empty, or NaN coordinates) are skipped and counted in the log; infinite coordinates stop the algorithm; multipoint features are exploded (each point is one firm with the feature&apos;s attributes); &quot;selected features only&quot; is honoured.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;输入。&lt;/b&gt;仅限点图层。没有几何的要素（NULL、空或 NaN 坐标）会被跳过并在日志中计数；坐标为无穷大时算法停止；多点要素会被拆分（每个点为一家企业，带该要素的属性）；支持“仅选中要素”。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="8"/>
        <source>&lt;p&gt;&lt;b&gt;Outputs.&lt;/b&gt; An output file that cannot be written is reported before any computation; when a run fails or is cancelled, the output files it had started are removed. The log and the report name the engine that computed (numba and its version, or the numpy engine).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;输出。&lt;/b&gt;无法写入的输出文件会在计算前报告；运行失败或被取消时，已开始写入的输出文件会被删除。日志和报告会注明所用的计算引擎（numba 及其版本，或 numpy 引擎）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="50"/>
        <source>&lt;p&gt;Huang, Zhuo &amp;amp; Cao (2024), the DO-LDO framework for industrial agglomeration.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Huang, Zhuo &amp;amp; Cao (2024)，产业集聚的 DO-LDO 框架。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="53"/>
        <source>
&lt;p&gt;The &lt;b&gt;DO curve&lt;/b&gt; (Duranton-Overman K-density) of an industry A:&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Eq. 1&lt;/b&gt;: DO(A,d) = 1/(h N&lt;sub&gt;A&lt;/sub&gt;(N&lt;sub&gt;A&lt;/sub&gt;−1)) Σ&lt;sub&gt;i&amp;lt;j&lt;/sub&gt;
exp(−((d − d&lt;sub&gt;ij&lt;/sub&gt;)/(√2 h))²), with the bandwidth h of
&lt;b&gt;Eq. 2&lt;/b&gt;, Silverman's rule on the pair distances: h = 0.9
N&lt;sub&gt;A&lt;/sub&gt;&lt;sup&gt;−1/5&lt;/sup&gt; min(std(d&lt;sub&gt;ij&lt;/sub&gt;), Q1(d&lt;sub&gt;ij&lt;/sub&gt;)/1.34)
over all pair distances (&lt;b&gt;Kernel bandwidth h&lt;/b&gt; = 0), or a fixed h.
With a &lt;b&gt;Weight field&lt;/b&gt; (e.g. employees) pairs count w&lt;sub&gt;i&lt;/sub&gt;w&lt;sub&gt;j&lt;/sub&gt;.&lt;/p&gt;
&lt;p&gt;The counterfactual draws N&lt;sub&gt;A&lt;/sub&gt; firms without replacement from the
&lt;b&gt;Background&lt;/b&gt; (all firms of the economy, normally including the
industry's) as many times as &lt;b&gt;Monte-Carlo simulations&lt;/b&gt;; the &lt;b&gt;global
band&lt;/b&gt; at the &lt;b&gt;Significance level of the global band (%)&lt;/b&gt; (5 %: the
observed curve of a random industry leaves the band at some distance in
5 % of the cases) is built by the paper's steps (3)–(5). &lt;b&gt;Eq. 3&lt;/b&gt;:
Γ(A,d) = max(DO(A,d) − upper band, 0); &lt;b&gt;Eq. 11&lt;/b&gt;: Γ(A) = Σ&lt;sub&gt;d&lt;/sub&gt;
Γ(A,d) (a sum over the distances, so it depends on the &lt;b&gt;Distance
step&lt;/b&gt;); Ψ(A,d) = max(lower band − DO, 0) where Γ(A) = 0 (dispersion).&lt;/p&gt;
&lt;p&gt;&lt;b&gt;h_max&lt;/b&gt; (the boundary distance used as ĥ by the LDO index): when
Γ(A,d) &amp;gt; 0 at the first distance, the first distance where Γ(A,d) falls to
0 or has a &lt;i&gt;significant&lt;/i&gt; trough (&lt;b&gt;h_max rule&lt;/b&gt; &lt;i&gt;significant
trough&lt;/i&gt;: its prominence, the smaller of the highest Γ before and after it
minus its own Γ, is at least 2 % of the largest Γ(A,d), so Monte-Carlo
wiggles of the band do not count; &lt;i&gt;first trough&lt;/i&gt;: any trough, the
paper's rule read literally, for results made with DO-LDO 0.1); NULL when the
industry is not localized at short distances. When neither happens inside
the distances, h_max is only the last distance: the log warns, and it is no
boundary (&lt;i&gt;DO-LDO framework&lt;/i&gt; then leaves out the global scale). The h_max
of each half of the simulations is reported next to it; when they differ by
more than 10 % of h_max (and two steps) the log warns that h_max is not
stable: use more simulations or look at the curve.&lt;/p&gt;
&lt;p&gt;Distances: &lt;b&gt;Smallest distance&lt;/b&gt; (default 0) to &lt;b&gt;Largest distance&lt;/b&gt;
by &lt;b&gt;Distance step&lt;/b&gt; (default (largest − smallest distance) / 100).
An empty &lt;b&gt;Largest distance&lt;/b&gt; is chosen from the data: it starts at the
median pair distance of the industry and, while h_max is only the last
distance, grows by half again (the same step) up to the industry's largest
pair distance; the log says each extension. A largest distance you give is
kept (the log then only warns). A typical setting for firms is 0–100 km by
1 km with 1000 simulations at 5 %. &lt;b&gt;Convention&lt;/b&gt; &lt;i&gt;dbmss&lt;/i&gt; reproduces
R dbmss's Kd (reflected density, bw.nrd0 bandwidth) for cross-checks.
&lt;b&gt;Method&lt;/b&gt;: &lt;i&gt;exact&lt;/i&gt; sums over all pairs; &lt;i&gt;fft&lt;/i&gt; uses a count raster
(fast on very large sets: 400 simulations of 75,275 firms in about a minute;
the curve within 1e-3 of exact, about 2e-4 from 10,000 firms, the same
h_max); &lt;i&gt;auto&lt;/i&gt; chooses &lt;i&gt;fft&lt;/i&gt; from 50,000 firms and says so in the
log.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;行业 A 的 &lt;b&gt;DO曲线&lt;/b&gt;（Duranton-Overman K密度函数）：&lt;/p&gt;
&lt;p&gt;&lt;b&gt;公式 1&lt;/b&gt;：DO(A,d) = 1/(h N&lt;sub&gt;A&lt;/sub&gt;(N&lt;sub&gt;A&lt;/sub&gt;−1)) Σ&lt;sub&gt;i&amp;lt;j&lt;/sub&gt;
exp(−((d − d&lt;sub&gt;ij&lt;/sub&gt;)/(√2 h))²)，其中带宽 h 由
&lt;b&gt;公式 2&lt;/b&gt; 给出，即对企业对距离应用 Silverman 法则：h = 0.9
N&lt;sub&gt;A&lt;/sub&gt;&lt;sup&gt;−1/5&lt;/sup&gt; min(std(d&lt;sub&gt;ij&lt;/sub&gt;), Q1(d&lt;sub&gt;ij&lt;/sub&gt;)/1.34)
（对全部企业对距离计算，&lt;b&gt;核带宽 h&lt;/b&gt; = 0 时），或取固定的 h。
给出&lt;b&gt;权重字段&lt;/b&gt;（如从业人数）时，企业对按 w&lt;sub&gt;i&lt;/sub&gt;w&lt;sub&gt;j&lt;/sub&gt; 计权。&lt;/p&gt;
&lt;p&gt;反事实模拟从&lt;b&gt;背景企业&lt;/b&gt;（整体经济的全部企业，通常包括该行业自身的企业）中无放回地抽取 N&lt;sub&gt;A&lt;/sub&gt; 家企业，
共抽取&lt;b&gt;蒙特卡洛模拟次数&lt;/b&gt;次；按论文的步骤 (3)–(5) 构建
&lt;b&gt;全局置信带的显著性水平（%）&lt;/b&gt;下的&lt;b&gt;全局置信带&lt;/b&gt;（5 %：随机行业的观测曲线在 5 % 的情况下会在某个距离上越出置信带）。&lt;b&gt;公式 3&lt;/b&gt;：
Γ(A,d) = max(DO(A,d) − 置信带上界, 0)；&lt;b&gt;公式 11&lt;/b&gt;：Γ(A) = Σ&lt;sub&gt;d&lt;/sub&gt;
Γ(A,d)（对各距离求和，因此与&lt;b&gt;距离步长&lt;/b&gt;有关）；
在 Γ(A) = 0 时，Ψ(A,d) = max(置信带下界 − DO, 0)（分散）。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;h_max&lt;/b&gt;（边界距离，局部DO指数以其作为 ĥ）：若第一个距离上
Γ(A,d) &amp;gt; 0，则 h_max 为 Γ(A,d) 首次降到 0 或出现&lt;i&gt;显著&lt;/i&gt;波谷的距离（&lt;b&gt;h_max 规则&lt;/b&gt; &lt;i&gt;significant
trough&lt;/i&gt;：波谷的突出度，即其前后最高 Γ 中较小者减去其自身 Γ，至少为最大 Γ(A,d) 的 2 %，这样置信带的蒙特卡洛抖动不计；&lt;i&gt;first trough&lt;/i&gt;：任何波谷，即按字面理解的论文规则，用于复现 DO-LDO 0.1 的结果）；
若该行业在短距离上不集聚，则为 NULL。若在距离范围内两者都未出现，h_max 只是最后一个距离：日志会警告，它也不是边界（此时 &lt;i&gt;DO-LDO 框架&lt;/i&gt;不计算全局尺度）。两半模拟各自的 h_max 会一并报告；
若二者之差超过 h_max 的 10 %（且超过两个步长），日志会警告 h_max 不稳定：请增加模拟次数或查看曲线。&lt;/p&gt;
&lt;p&gt;距离：从&lt;b&gt;最小距离&lt;/b&gt;（默认 0）到&lt;b&gt;最大距离&lt;/b&gt;，
间隔为&lt;b&gt;距离步长&lt;/b&gt;（默认（最大距离 − 最小距离）/ 100）。
&lt;b&gt;最大距离&lt;/b&gt;留空时由数据确定：从该行业企业对距离的中位数开始，只要 h_max 仍为最后一个距离，就再延长一半（步长不变），最多到该行业企业对的最大距离；每次延长日志都会说明。您给出的最大距离会保持不变（日志只给出警告）。对企业的典型设置为 0–100 km，步长 1 km，显著性水平 5 % 下模拟 1000 次。&lt;b&gt;计算约定&lt;/b&gt; &lt;i&gt;dbmss&lt;/i&gt; 复现
R 包 dbmss 的 Kd（反射密度，bw.nrd0 带宽），用于交叉验证。
&lt;b&gt;计算方法&lt;/b&gt;：&lt;i&gt;exact&lt;/i&gt; 对所有企业对求和；&lt;i&gt;fft&lt;/i&gt; 使用计数栅格
（对非常大的数据很快：75,275 家企业 400 次模拟约一分钟；
曲线与 exact 的差在 1e-3 以内，10,000 家企业起约为 2e-4，h_max 相同）；&lt;i&gt;auto&lt;/i&gt; 在 50,000 家企业起选择 &lt;i&gt;fft&lt;/i&gt;，并在日志中说明。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="117"/>
        <source>
&lt;p&gt;&lt;b&gt;Core firms&lt;/b&gt; (Eq. 7): firm i is a core firm when
LDO&lt;sub&gt;i&lt;/sub&gt; ≥ max(μ, 2σ), μ and σ being the mean and standard deviation
of the industry's LDO values at that scale. Core firms closer than ĥ (local
scale: min(h&lt;sub&gt;i&lt;/sub&gt;, h&lt;sub&gt;j&lt;/sub&gt;)) are linked into &lt;b&gt;clusters&lt;/b&gt;
(single linkage); a cluster is kept when it holds at least two firms and at
least the &lt;b&gt;Smallest cluster&lt;/b&gt; share of the industry's firms (default
0.5 %), otherwise its firms are not core. Clusters are numbered 1, 2, … by
size.&lt;/p&gt;
&lt;p&gt;Outputs: &lt;i&gt;Core firms&lt;/i&gt;, the firms with &lt;code&gt;ldo&lt;/code&gt;,
&lt;code&gt;h&lt;/code&gt;, &lt;code&gt;core&lt;/code&gt; (1/0) and &lt;code&gt;cluster&lt;/code&gt; (NULL when
none), styled by cluster; &lt;i&gt;Cluster rectangles&lt;/i&gt;, each cluster's minimum
bounding rectangle (&lt;b&gt;Cluster rectangle&lt;/b&gt;: oriented minimum-area, or
axis-aligned) with its firm count, P&lt;sub&gt;n&lt;/sub&gt; = 100 · count /
N&lt;sub&gt;A&lt;/sub&gt; (%), mean and largest LDO; &lt;i&gt;Cluster centres&lt;/i&gt;, the firm with
the largest LDO of each cluster (stars); &lt;i&gt;Boundary&lt;/i&gt;, the rectangle of all
core firms with the agglomeration centre's coordinates (the paper's global
boundary at the global scale); the numbers of core firms and of
clusters.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;&lt;b&gt;核心企业&lt;/b&gt;（公式 7）：当
LDO&lt;sub&gt;i&lt;/sub&gt; ≥ max(μ, 2σ) 时企业 i 为核心企业，μ 和 σ 为该行业在该尺度下局部DO指数的均值和标准差。距离小于 ĥ（局部尺度：min(h&lt;sub&gt;i&lt;/sub&gt;, h&lt;sub&gt;j&lt;/sub&gt;)）的核心企业连接成&lt;b&gt;集群&lt;/b&gt;
（单连接）；集群至少包含两家企业，且至少占该行业企业的&lt;b&gt;最小集群&lt;/b&gt;比例（默认
0.5 %）才保留，否则其企业不算核心企业。集群按规模编号为 1, 2, …。&lt;/p&gt;
&lt;p&gt;输出：&lt;i&gt;核心企业&lt;/i&gt;，带 &lt;code&gt;ldo&lt;/code&gt;、
&lt;code&gt;h&lt;/code&gt;、&lt;code&gt;core&lt;/code&gt;（1/0）和 &lt;code&gt;cluster&lt;/code&gt;（无集群时为 NULL）字段的企业，按集群着色；&lt;i&gt;集群外接矩形&lt;/i&gt;，每个集群的最小外接矩形（&lt;b&gt;集群矩形&lt;/b&gt;：有向最小面积矩形，或与坐标轴平行的矩形），带其企业数、P&lt;sub&gt;n&lt;/sub&gt; = 100 · 企业数 /
N&lt;sub&gt;A&lt;/sub&gt;（%）、LDO 均值和最大值；&lt;i&gt;集群中心&lt;/i&gt;，每个集群中局部DO指数最大的企业（星形）；&lt;i&gt;边界&lt;/i&gt;，全部核心企业的外接矩形，带集聚中心的坐标（即论文中全局尺度下的全局边界）；以及核心企业数和集群数。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="138"/>
        <source>
&lt;p&gt;&lt;b&gt;Dask scheduler address&lt;/b&gt; (optional): the address of a running dask
scheduler, e.g. &lt;code&gt;tcp://10.0.0.5:8786&lt;/code&gt; (start one with
&lt;code&gt;dask scheduler&lt;/code&gt; and workers with &lt;code&gt;dask worker
tcp://10.0.0.5:8786&lt;/code&gt;). The work is split into tasks (an industry&apos;s
observed curve, blocks of its simulations) spread over the workers; the
results are the same, bit for bit, as on this machine. The workers need
only Python with numpy and scipy (numba makes them faster): DO-LDO sends
its core to them. This machine needs the Python package
&lt;code&gt;distributed&lt;/code&gt;; a missing package or a scheduler that does not
answer within 10 s stops the run before any work. Empty: everything runs
here, on all cores.&lt;/p&gt;
&lt;p&gt;A scheduler and its workers are trusted with the run: they run the code
DO-LDO sends, and their results are unpickled in QGIS, which runs any code
they hold. Give the address of a cluster you control. On a shared network,
secure it with TLS: a &lt;code&gt;tls://&lt;/code&gt; address uses dask&apos;s security
settings (&lt;code&gt;distributed.comm.tls.ca-file&lt;/code&gt;,
&lt;code&gt;distributed.comm.tls.client.cert&lt;/code&gt; and &lt;code&gt;.key&lt;/code&gt; in
dask&apos;s configuration); &lt;code&gt;ws://&lt;/code&gt;, &lt;code&gt;ucx://&lt;/code&gt; and
&lt;code&gt;inproc://&lt;/code&gt; addresses are refused. A worker lost during the run
costs nothing: its tasks run again on the others. A run whose arrays cannot
fit in this machine&apos;s memory, or in a worker&apos;s memory limit, is refused
before any work, with what it needs and what to lower.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;&lt;b&gt;Dask 调度器地址&lt;/b&gt;（可选）：正在运行的 dask
调度器的地址，如 &lt;code&gt;tcp://10.0.0.5:8786&lt;/code&gt;（用
&lt;code&gt;dask scheduler&lt;/code&gt; 启动调度器，用 &lt;code&gt;dask worker
tcp://10.0.0.5:8786&lt;/code&gt; 启动工作节点）。工作被拆分为任务（一个行业的观测曲线、其模拟的分块）分发到各工作节点；结果与在本机上逐位相同。工作节点只需要带 numpy 和 scipy 的 Python（有 numba 会更快）：DO-LDO 会把其核心代码发送给它们。本机需要 Python 包
&lt;code&gt;distributed&lt;/code&gt;；缺少该包或调度器在 10 秒内没有响应时，运行会在开始计算前停止。留空：一切都在本机的全部核心上运行。&lt;/p&gt;
&lt;p&gt;调度器及其工作节点被完全信任：它们运行 DO-LDO 发送的代码，其结果在 QGIS 中反序列化（unpickle），会执行其中包含的任何代码。请只给出您掌控的集群的地址。在共享网络上，请用 TLS 保护：&lt;code&gt;tls://&lt;/code&gt; 地址使用 dask 的安全设置（dask 配置中的 &lt;code&gt;distributed.comm.tls.ca-file&lt;/code&gt;、
&lt;code&gt;distributed.comm.tls.client.cert&lt;/code&gt; 和 &lt;code&gt;.key&lt;/code&gt;）；&lt;code&gt;ws://&lt;/code&gt;、&lt;code&gt;ucx://&lt;/code&gt; 和
&lt;code&gt;inproc://&lt;/code&gt; 地址会被拒绝。运行中丢失的工作节点不会造成损失：其任务会在其他节点上重新运行。若运行所需的数组超出本机内存或工作节点的内存限制，会在开始计算前被拒绝，并说明所需内存以及应当减小什么。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="163"/>
        <source>
&lt;p&gt;Every industry of an economy at once, as Duranton &amp;amp; Overman (2005)
did for the UK: one &lt;b&gt;DO curve&lt;/b&gt; with its global band per code of the
&lt;b&gt;Industry field&lt;/b&gt; (Eq. 1, every curve its own bandwidth by Eq. 2,
Silverman's rule on its pair distances; &lt;b&gt;Monte-Carlo simulations&lt;/b&gt; draws
from the &lt;b&gt;Background&lt;/b&gt;, empty = all firms of the &lt;b&gt;All firms&lt;/b&gt; layer).
Each industry is classified: &lt;b&gt;localized&lt;/b&gt; when Γ(A) &amp;gt; 0,
&lt;b&gt;dispersed&lt;/b&gt; when Γ(A) = 0 and Ψ(A) &amp;gt; 0, &lt;b&gt;neither&lt;/b&gt; otherwise.
Industries with fewer firms than the &lt;b&gt;Smallest industry analysed&lt;/b&gt;
(default 10) are skipped, and an industry whose curve fails (e.g. all its
firms at one address) is recorded with its reason; the others go on. Firms
with no code (NULL) stay in the background only.&lt;/p&gt;
&lt;p&gt;Each industry draws with a seed made from the &lt;b&gt;Random seed&lt;/b&gt; and its
code, never from its place in the batch: its result is the same alone (the
&lt;i&gt;DO curve&lt;/i&gt; algorithm with that seed, see the README) or in any
batch.&lt;/p&gt;
&lt;p&gt;Outputs: &lt;i&gt;Summary&lt;/i&gt;, one row per industry (firms, gamma_sum = Γ(A),
psi_sum = Ψ(A), h_max, bandwidth, peak_distance = where Γ(A,d) is largest,
status); &lt;i&gt;Curves&lt;/i&gt;, one row per industry and distance (do_obs, upper,
lower, gamma, psi); the &lt;i&gt;Report&lt;/i&gt;, the share of industries localized and
dispersed at each distance (DO 2005's figures), the ranking by Γ(A) and the
curves of the most localized industries; the numbers of industries
analysed, localized and dispersed.&lt;/p&gt;
&lt;p&gt;Distances: &lt;b&gt;Smallest distance&lt;/b&gt; to &lt;b&gt;Largest distance&lt;/b&gt; (empty =
the median distance between all firms) by &lt;b&gt;Distance step&lt;/b&gt; (empty =
(largest − smallest distance) / 100); DO 2005 used 0–180 km and 1000
simulations at 5 % significance.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;一次分析整体经济的所有行业，如 Duranton &amp;amp; Overman (2005)
对英国所做的那样：对&lt;b&gt;行业字段&lt;/b&gt;的每个代码计算一条带全局置信带的 &lt;b&gt;DO曲线&lt;/b&gt;（公式 1，每条曲线按公式 2 有自己的带宽，即对其企业对距离应用 Silverman 法则；&lt;b&gt;蒙特卡洛模拟次数&lt;/b&gt;从&lt;b&gt;背景企业&lt;/b&gt;中抽样，留空 = &lt;b&gt;全部企业&lt;/b&gt;图层中的全部企业）。
每个行业被分类为：Γ(A) &amp;gt; 0 时为&lt;b&gt;集聚&lt;/b&gt;（localized），
Γ(A) = 0 且 Ψ(A) &amp;gt; 0 时为&lt;b&gt;分散&lt;/b&gt;（dispersed），否则为&lt;b&gt;既不集聚也不分散&lt;/b&gt;（neither）。
企业数少于&lt;b&gt;分析的最小行业&lt;/b&gt;（默认 10）的行业会被跳过；曲线计算失败的行业（如其全部企业在同一地址）会连同原因一起记录；其他行业照常计算。没有代码（NULL）的企业只留在背景企业中。&lt;/p&gt;
&lt;p&gt;每个行业使用由&lt;b&gt;随机种子&lt;/b&gt;及其代码生成的种子抽样，与其在批次中的位置无关：其结果单独计算时（使用该种子的 &lt;i&gt;DO曲线&lt;/i&gt;算法，见 README）与在任何批次中都相同。&lt;/p&gt;
&lt;p&gt;输出：&lt;i&gt;汇总&lt;/i&gt;，每个行业一行（firms、gamma_sum = Γ(A)、
psi_sum = Ψ(A)、h_max、bandwidth、peak_distance = Γ(A,d) 最大处的距离、
status）；&lt;i&gt;曲线&lt;/i&gt;，每个行业、每个距离一行（do_obs、upper、
lower、gamma、psi）；&lt;i&gt;报告&lt;/i&gt;，各距离上集聚和分散行业的占比（DO 2005 的图）、按 Γ(A) 的排名以及集聚程度最高的行业的曲线；以及分析的、集聚的和分散的行业数。&lt;/p&gt;
&lt;p&gt;距离：从&lt;b&gt;最小距离&lt;/b&gt;到&lt;b&gt;最大距离&lt;/b&gt;（留空 =
全部企业之间距离的中位数），间隔为&lt;b&gt;距离步长&lt;/b&gt;（留空 =
（最大距离 − 最小距离）/ 100）；DO 2005 使用 0–180 km，在 5 % 显著性水平下模拟 1000 次。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="192"/>
        <source>
&lt;p&gt;&lt;b&gt;Co-localization&lt;/b&gt; of industries A and B (Duranton &amp;amp; Overman
2005): the K-density of the distances between A's firms and B's,
K&lt;sub&gt;AB&lt;/sub&gt;(d) = 1/(2h n&lt;sub&gt;A&lt;/sub&gt;n&lt;sub&gt;B&lt;/sub&gt;) Σ&lt;sub&gt;i∈A&lt;/sub&gt;
Σ&lt;sub&gt;j∈B&lt;/sub&gt; exp(−((d − d&lt;sub&gt;ij&lt;/sub&gt;)/(√2 h))²), h by Eq. 2
(Silverman's rule) over the cross distances with
(n&lt;sub&gt;A&lt;/sub&gt;n&lt;sub&gt;B&lt;/sub&gt;)&lt;sup&gt;1/2&lt;/sup&gt; for N&lt;sub&gt;A&lt;/sub&gt; (&lt;b&gt;Convention&lt;/b&gt;
&lt;i&gt;dbmss&lt;/i&gt;: R dbmss's bivariate Kd). Each simulation draws n&lt;sub&gt;A&lt;/sub&gt; +
n&lt;sub&gt;B&lt;/sub&gt; distinct firms from the &lt;b&gt;Background&lt;/b&gt;, the first
n&lt;sub&gt;A&lt;/sub&gt; playing A. Γ&lt;sub&gt;AB&lt;/sub&gt;(d) &amp;gt; 0: A and B locate near each
other at distance d, beyond what their own sizes and the economy's geography
explain (&lt;b&gt;co-localized&lt;/b&gt;); Ψ&lt;sub&gt;AB&lt;/sub&gt; &amp;gt; 0 with Γ&lt;sub&gt;AB&lt;/sub&gt; = 0:
they keep apart (&lt;b&gt;dispersed&lt;/b&gt;).&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Industries to pair&lt;/b&gt;: the codes to pair, separated by commas (two
codes = one pair); empty = the largest industries, as many as the &lt;b&gt;Number
of largest industries to pair&lt;/b&gt; (default 10: 45 pairs). Every pair A, B is
computed once, A before B in code order.&lt;/p&gt;
&lt;p&gt;Outputs: &lt;i&gt;Pairs&lt;/i&gt; (industry_a, industry_b, firms_a, firms_b,
gamma_sum, psi_sum, status), &lt;i&gt;Curves&lt;/i&gt; (one row per pair and distance),
the &lt;i&gt;Report&lt;/i&gt; (a heatmap of Γ&lt;sub&gt;AB&lt;/sub&gt; over the pairs and every pair's
curve, strongest first); the numbers &lt;i&gt;Pairs computed&lt;/i&gt; and &lt;i&gt;Pairs
co-localized&lt;/i&gt;.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;行业 A 与 B 的&lt;b&gt;协同集聚&lt;/b&gt;（Duranton &amp;amp; Overman
2005）：A 的企业与 B 的企业之间距离的K密度函数，
K&lt;sub&gt;AB&lt;/sub&gt;(d) = 1/(2h n&lt;sub&gt;A&lt;/sub&gt;n&lt;sub&gt;B&lt;/sub&gt;) Σ&lt;sub&gt;i∈A&lt;/sub&gt;
Σ&lt;sub&gt;j∈B&lt;/sub&gt; exp(−((d − d&lt;sub&gt;ij&lt;/sub&gt;)/(√2 h))²)，h 按公式 2
（Silverman 法则）对交叉距离计算，以
(n&lt;sub&gt;A&lt;/sub&gt;n&lt;sub&gt;B&lt;/sub&gt;)&lt;sup&gt;1/2&lt;/sup&gt; 代替 N&lt;sub&gt;A&lt;/sub&gt;（&lt;b&gt;计算约定&lt;/b&gt;
&lt;i&gt;dbmss&lt;/i&gt;：R 包 dbmss 的双变量 Kd）。每次模拟从&lt;b&gt;背景企业&lt;/b&gt;中抽取 n&lt;sub&gt;A&lt;/sub&gt; +
n&lt;sub&gt;B&lt;/sub&gt; 家不同的企业，前 n&lt;sub&gt;A&lt;/sub&gt; 家充当 A。Γ&lt;sub&gt;AB&lt;/sub&gt;(d) &amp;gt; 0：A 与 B 在距离 d 上彼此靠近，超出其自身规模和经济地理所能解释的程度（&lt;b&gt;协同集聚&lt;/b&gt;）；Ψ&lt;sub&gt;AB&lt;/sub&gt; &amp;gt; 0 且 Γ&lt;sub&gt;AB&lt;/sub&gt; = 0：
二者彼此远离（&lt;b&gt;分散&lt;/b&gt;）。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;配对的行业&lt;/b&gt;：要配对的行业代码，以逗号分隔（两个代码 = 一个行业对）；留空 = 最大的若干行业，数量为&lt;b&gt;参与配对的最大行业数&lt;/b&gt;（默认 10：45 个行业对）。每个行业对 A、B 只计算一次，按代码顺序 A 在 B 之前。&lt;/p&gt;
&lt;p&gt;输出：&lt;i&gt;行业对&lt;/i&gt;（industry_a、industry_b、firms_a、firms_b、
gamma_sum、psi_sum、status），&lt;i&gt;曲线&lt;/i&gt;（每个行业对、每个距离一行），
&lt;i&gt;报告&lt;/i&gt;（各行业对 Γ&lt;sub&gt;AB&lt;/sub&gt; 的热力图，以及按强度排序的每个行业对的曲线）；以及&lt;i&gt;已计算的行业对&lt;/i&gt;和&lt;i&gt;协同集聚的行业对&lt;/i&gt;的个数。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="199"/>
        <source>Number of core firms</source>
        <translation>核心企业数</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="200"/>
        <source>Number of clusters</source>
        <translation>集群数</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="175"/>
        <source>Core firms</source>
        <translation>核心企业</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="211"/>
        <source>Cluster rectangles</source>
        <translation>集群外接矩形</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="212"/>
        <source>Cluster centres</source>
        <translation>集群中心</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="213"/>
        <source>Boundary (all core firms)</source>
        <translation>边界（全部核心企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="214"/>
        <source>Agglomeration centre (the core firm with the largest value)</source>
        <translation>集聚中心（数值最大的核心企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="229"/>
        <source>global scale</source>
        <translation>全局尺度</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="229"/>
        <source>local scale</source>
        <translation>局部尺度</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="269"/>
        <source>Core firms ({shown})</source>
        <translation>核心企业（{shown}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="295"/>
        <source>Cluster rectangles ({shown})</source>
        <translation>集群外接矩形（{shown}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="314"/>
        <source>Cluster centres ({shown})</source>
        <translation>集群中心（{shown}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="337"/>
        <source>Boundary ({shown})</source>
        <translation>边界（{shown}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/outputs.py" line="356"/>
        <source>Agglomeration centre ({shown})</source>
        <translation>集聚中心（{shown}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="20"/>
        <source>Smallest distance</source>
        <translation>最小距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="21"/>
        <source>Largest distance</source>
        <translation>最大距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="22"/>
        <source>Distance step</source>
        <translation>距离步长</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="23"/>
        <source>Significance level of the global band (%)</source>
        <translation>全局置信带的显著性水平（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="44"/>
        <source>{label} is required</source>
        <translation>{label} 为必填项</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="48"/>
        <source>{label} must be a number, got {value}</source>
        <translation>{label} 必须是数字，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="50"/>
        <source>{label} must be a finite number, got {value}</source>
        <translation>{label} 必须是有限的数字，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="53"/>
        <source>{label} must be a whole number, got {value}</source>
        <translation>{label} 必须是整数，实际为 {value}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="57"/>
        <source>{label} must be at least {lo}, got {v}</source>
        <translation>{label} 不能小于 {lo}，实际为 {v}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="60"/>
        <source>{label} must be at most {hi}, got {v}</source>
        <translation>{label} 不能大于 {hi}，实际为 {v}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="68"/>
        <source>&apos;{d_max_label}&apos; ({d_max}) must be greater than &apos;{d_min_label}&apos; ({d_min})</source>
        <translation>“{d_max_label}”（{d_max}）必须大于“{d_min_label}”（{d_min}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="73"/>
        <source>'{label}' must be greater than 0, got {step} (leave it empty for (largest − smallest distance) / 100)</source>
        <translation>“{label}”必须大于 0，实际为 {step}（留空则取（最大距离 − 最小距离）/ 100）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="78"/>
        <source>{n} distances are too many: increase &apos;{label}&apos;</source>
        <translation>{n} 个距离太多：请加大“{label}”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="81"/>
        <source>&apos;{label}&apos; is larger than the distance range: need at least two distances</source>
        <translation>“{label}”大于距离范围：至少需要两个距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="110"/>
        <source>{label} ({units}; empty = from the data: the median pair distance of the industry, extended until Γ(A,d) comes back to 0)</source>
        <translation>{label}（{units}；留空 = 由数据确定：从该行业企业对距离的中位数开始，延长到 Γ(A,d) 回落到 0 为止）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="120"/>
        <source>Monte-Carlo simulations</source>
        <translation>蒙特卡洛模拟次数</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="127"/>
        <source>Random seed (empty = random, logged)</source>
        <translation>随机种子（留空 = 随机，并记入日志）</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="77"/>
        <source>Industry firms (points)</source>
        <translation>行业企业（点）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="134"/>
        <source>Background: all firms (points; normally includes the industry)</source>
        <translation>背景企业：全部企业（点；通常包括该行业）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="138"/>
        <source>Kernel bandwidth h ({units}; 0 = Silverman&apos;s rule on the pair distances, Eq. 2, for every curve)</source>
        <translation>核带宽 h（{units}；0 = 对每条曲线按企业对距离用 Silverman 法则计算，公式 2）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="49"/>
        <source>Method</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="145"/>
        <source>h_max rule (significant trough: a trough counts when it is at least 2 % of the largest Γ deep; first trough: any trough)</source>
        <translation>h_max 规则（significant trough：深度至少为最大 Γ 的 2 % 的波谷才算；first trough：任何波谷）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="154"/>
        <source>Scale (global: one ĥ; local: adaptive h_i per firm)</source>
        <translation>尺度（global：全局尺度，统一的 ĥ；local：局部尺度，每家企业自适应的 h_i）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="155"/>
        <source>Boundary distance ĥ ({units}; h_max; required for the global scale)</source>
        <translation>边界距离 ĥ（{units}；即 h_max；全局尺度必填）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="157"/>
        <source>Peak distance d̂ ({units})</source>
        <translation>峰值距离 d̂（{units}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="160"/>
        <source>Weight mode (product: Eq. 12, sum: Eq. 13)</source>
        <translation>权重方式（product：乘积，公式 12；sum：求和，公式 13）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="178"/>
        <source>'Boundary distance ĥ' is required for the global scale and must be greater than 0: use the h_max of 'DO curve and localization index' (if that found no h_max the industry is not localized at short distances), or choose the local 'Scale'</source>
        <translation>全局尺度需要“边界距离 ĥ”且必须大于 0：请使用“DO曲线与集聚指数”得到的 h_max（若其没有找到 h_max，说明该行业在短距离上不集聚），或选择局部“尺度”</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="183"/>
        <source>Global scale: ĥ = {h} {units}</source>
        <translation>全局尺度：ĥ = {h} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="186"/>
        <source>Local scale: adaptive bandwidth h_i per firm (Eq. 2: Silverman&apos;s rule on each firm&apos;s distances)</source>
        <translation>局部尺度：每家企业自适应带宽 h_i（公式 2：对每家企业的距离用 Silverman 法则）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="200"/>
        <source>Smallest cluster (% of the industry&apos;s firms)</source>
        <translation>最小集群（占该行业企业的 %）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="202"/>
        <source>Cluster rectangle</source>
        <translation>集群矩形</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="82"/>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="82"/>
        <source>engine</source>
        <translation>计算引擎</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="87"/>
        <source>(charts need matplotlib: apt-get install python3-matplotlib)</source>
        <translation>（图表需要 matplotlib：apt-get install python3-matplotlib）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="104"/>
        <source>Computed with {engine}.</source>
        <translation>计算引擎：{engine}。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="159"/>
        <source>{algorithm} report: {layer}</source>
        <translation>{algorithm}报告：{layer}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="160"/>
        <source>{algorithm} report</source>
        <translation>{algorithm}报告</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="189"/>
        <source>global band ({significance:g} % significance, {n_sim} simulations)</source>
        <translation>全局置信带（显著性水平 {significance:g} %，{n_sim} 次模拟）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="193"/>
        <source>DO(A, d) observed</source>
        <translation>观测的 DO(A, d)</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="129"/>
        <source>K-density DO(A, d)</source>
        <translation>K密度函数 DO(A, d)</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="202"/>
        <source>Γ(A, d) localization</source>
        <translation>Γ(A, d) 集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="204"/>
        <source>−Ψ(A, d) dispersion</source>
        <translation>−Ψ(A, d) 分散</translation>
    </message>
    <message>
        <location filename="../algorithms/common/styles.py" line="111"/>
        <source>not core</source>
        <translation>非核心</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="268"/>
        <source>core firms (global scale)</source>
        <translation>核心企业（全局尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="277"/>
        <source>cluster {cid}</source>
        <translation>集群 {cid}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="284"/>
        <source>boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="288"/>
        <source>cluster centres</source>
        <translation>集群中心</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="183"/>
        <source>agglomeration centre</source>
        <translation>集聚中心</translation>
    </message>
    <message>
        <location filename="../algorithms/common/styles.py" line="99"/>
        <source>core, cluster {cid} ({cluster_counts} firms)</source>
        <translation>核心，集群 {cid}（{cluster_counts} 家企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/styles.py" line="111"/>
        <source>core, global scale ({n_core} firms)</source>
        <translation>核心，全局尺度（{n_core} 家企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/styles.py" line="203"/>
        <source>could not embed the style in {dest}: {err}</source>
        <translation>无法把样式嵌入 {dest}：{err}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="33"/>
        <source>
&lt;p&gt;Why does the localization curve crest where it does? The paper (section
4.1, Figure 14) runs MCLM-LDO with the &lt;b&gt;peak distance d̂&lt;/b&gt; set to each
crest's distance and a small &lt;b&gt;ĥ&lt;/b&gt;: the core firms at (d̂, ĥ) are the
firms with unusually many other firms at about d̂ from them, i.e. the firms
that make that crest. On its synthetic dataset 2 (h_max = 6, ĥ = 2):
d̂ = 3 marks the two clusters, d̂ = 9 the ring of sparse firms 8–9 from
cluster I, d̂ = 20 mostly the clusters' firms (the clusters are 20 apart).
Several crests therefore need not mean several clusters.&lt;/p&gt;
&lt;p&gt;The curve: the &lt;b&gt;DO curve table&lt;/b&gt; written by &lt;i&gt;DO curve and localization
index&lt;/i&gt; (fields &lt;code&gt;distance&lt;/code&gt; and &lt;code&gt;gamma&lt;/code&gt;); or, when
it is empty, the curve is computed from the &lt;b&gt;Background&lt;/b&gt; and the DO
curve's parameters.
Crests are the local maxima of Γ(A,d) &amp;gt; 0 (a plateau counts once; the
first and last distances count when higher than their neighbour) whose
prominence is at least the &lt;b&gt;Smallest crest prominence&lt;/b&gt; (% of the highest
crest); &lt;b&gt;Crest distances d̂&lt;/b&gt; (e.g. &lt;code&gt;3, 9, 20&lt;/code&gt;) gives the
distances yourself instead.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Boundary distance ĥ&lt;/b&gt; (layer units): empty = h_max / 3 (2 on dataset
2, the paper's value), or the curve's bandwidth h when there is no h_max.
&lt;b&gt;Reference clusters&lt;/b&gt;: the reference clusters the crests' firms are compared with:
&lt;i&gt;global&lt;/i&gt;, MCLM-LDO at ĥ = h_max (the industry's clusters as the paper's
Figure 14 shows them; falls back to local without h_max), or &lt;i&gt;local&lt;/i&gt;
(adaptive h&lt;sub&gt;i&lt;/sub&gt;, which splits compact clusters into parts).&lt;/p&gt;
&lt;p&gt;Outputs: &lt;i&gt;Firms flagged per crest&lt;/i&gt;, the industry firms with &lt;code&gt;crest_1&lt;/code&gt;,
&lt;code&gt;crest_2&lt;/code&gt;, … (1 = core firm for that crest, in the order of
distance), &lt;code&gt;crests&lt;/code&gt; (how many), &lt;code&gt;cluster&lt;/code&gt; (the
reference cluster it belongs to) and &lt;code&gt;in_rect&lt;/code&gt; (the reference
cluster whose rectangle holds it); &lt;i&gt;Crests (table)&lt;/i&gt;, one row per crest
(distance, gamma, prominence, core firms, how many inside the clusters, the
nearest cluster of those outside and their median distance to its centre,
a verdict); &lt;i&gt;Reference clusters&lt;/i&gt;, the reference clusters' rectangles; the report with
the curve, a map per crest (as Figure 14) and the verdicts.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;集聚曲线为什么在那些位置出现波峰？论文（第 4.1 节，图 14）把 MCLM-LDO 的&lt;b&gt;峰值距离 d̂&lt;/b&gt; 设为各波峰的距离，并取较小的 &lt;b&gt;ĥ&lt;/b&gt;：(d̂, ĥ) 下的核心企业是在约 d̂ 处有异常多其他企业的企业，也就是造成该波峰的企业。在其合成数据集 2 上（h_max = 6，ĥ = 2）：
d̂ = 3 标出两个集群，d̂ = 9 标出距集群 I 为 8–9 的稀疏企业环，d̂ = 20 主要标出集群中的企业（两个集群相距 20）。
因此多个波峰不一定意味着多个集群。&lt;/p&gt;
&lt;p&gt;曲线：&lt;i&gt;DO曲线与集聚指数&lt;/i&gt;写出的 &lt;b&gt;DO曲线表&lt;/b&gt;（字段 &lt;code&gt;distance&lt;/code&gt; 和 &lt;code&gt;gamma&lt;/code&gt;）；该项留空时，由&lt;b&gt;背景企业&lt;/b&gt;和 DO曲线的参数计算曲线。
波峰是 Γ(A,d) &amp;gt; 0 的局部极大值（平台只计一次；第一个和最后一个距离高于其相邻值时也计入），其突出度至少为&lt;b&gt;最小波峰突出度&lt;/b&gt;（占最高波峰的 %）；也可以用&lt;b&gt;波峰距离 d̂&lt;/b&gt;（如 &lt;code&gt;3, 9, 20&lt;/code&gt;）自行给出距离。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;边界距离 ĥ&lt;/b&gt;（图层单位）：留空 = h_max / 3（数据集 2 上为 2，即论文的取值），没有 h_max 时取曲线的带宽 h。
&lt;b&gt;参照集群&lt;/b&gt;：与各波峰的企业相比较的参照集群：
&lt;i&gt;global&lt;/i&gt;，ĥ = h_max 下的 MCLM-LDO（即论文图 14 所示的该行业集群；没有 h_max 时退回局部尺度），或 &lt;i&gt;local&lt;/i&gt;
（自适应 h&lt;sub&gt;i&lt;/sub&gt;，会把紧凑的集群拆成几部分）。&lt;/p&gt;
&lt;p&gt;输出：&lt;i&gt;按波峰标记的企业&lt;/i&gt;，带 &lt;code&gt;crest_1&lt;/code&gt;、
&lt;code&gt;crest_2&lt;/code&gt;、…（1 = 该波峰的核心企业，按距离顺序）、&lt;code&gt;crests&lt;/code&gt;（个数）、&lt;code&gt;cluster&lt;/code&gt;（所属参照集群）和 &lt;code&gt;in_rect&lt;/code&gt;（其矩形包含该企业的参照集群）字段的行业企业；&lt;i&gt;波峰（表）&lt;/i&gt;，每个波峰一行
（距离、gamma、突出度、核心企业数、其中位于集群内的个数、其余企业最近的集群及其到该集群中心的中位距离、结论）；&lt;i&gt;参照集群&lt;/i&gt;，参照集群的外接矩形；以及报告，含曲线、每个波峰一幅地图（同图 14）和各结论。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="79"/>
        <source>'Crest distances d̂': cannot read '{part}'; give distances such as 3, 9, 20</source>
        <translation>“波峰距离 d̂”：无法读取“{part}”；请给出如 3, 9, 20 这样的距离</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="83"/>
        <source>'Crest distances d̂' must be &gt;= 0</source>
        <translation>“波峰距离 d̂”必须 &gt;= 0</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="97"/>
        <source>core at crest {k} (d̂ = {dist:g})</source>
        <translation>波峰 {k} 处的核心企业（d̂ = {dist:g}）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="100"/>
        <source>not core at any crest</source>
        <translation>在任何波峰处都不是核心企业</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="117"/>
        <source>crest {k}: d̂ = {distance:g}</source>
        <translation>波峰 {k}：d̂ = {distance:g}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="313"/>
        <source>Explain the curve&apos;s crests</source>
        <translation>解释曲线的波峰</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="136"/>
        <source>DO curve table (from &apos;DO curve and localization index&apos;; empty = compute it)</source>
        <translation>DO曲线表（来自“DO曲线与集聚指数”；留空 = 在此计算）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="139"/>
        <source>Boundary distance ĥ ({units}; empty = h_max / 3)</source>
        <translation>边界距离 ĥ（{units}；留空 = h_max / 3）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="142"/>
        <source>Crest distances d̂ ({units}; empty = find them, e.g. 3, 9, 20)</source>
        <translation>波峰距离 d̂（{units}；留空 = 自动寻找，如 3, 9, 20）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="146"/>
        <source>Smallest crest prominence (% of the highest crest)</source>
        <translation>最小波峰突出度（占最高波峰的 %）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="148"/>
        <source>Reference clusters (global: ĥ = h_max; local: h_i)</source>
        <translation>参照集群（global：ĥ = h_max；local：h_i）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="151"/>
        <source>Firms flagged per crest</source>
        <translation>按波峰标记的企业</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="152"/>
        <source>Crests (table)</source>
        <translation>波峰（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="154"/>
        <source>Reference clusters</source>
        <translation>参照集群</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="158"/>
        <source>Number of crests</source>
        <translation>波峰数</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="159"/>
        <source>h_max of the curve</source>
        <translation>曲线的 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="160"/>
        <source>ĥ used</source>
        <translation>所用的 ĥ</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="167"/>
        <source>the &apos;DO curve table&apos; has no field &apos;{need}&apos;: use the table written by &apos;DO curve and localization index&apos; (its &apos;DO curve (table)&apos;)</source>
        <translation>“DO曲线表”没有字段“{need}”：请使用“DO曲线与集聚指数”写出的表（其“DO曲线（表）”）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="180"/>
        <source>the 'DO curve table' has fewer than 2 rows with a distance and a gamma (a curve computed without simulations has no Γ)</source>
        <translation>“DO曲线表”中同时有距离和 gamma 的行少于 2 行（没有模拟计算的曲线没有 Γ）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="203"/>
        <source>&apos;DO curve table&apos;: {size} distances read</source>
        <translation>“DO曲线表”：读取了 {size} 个距离</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="208"/>
        <source>the curve has no Γ(A,d): 'Monte-Carlo simulations' must be &gt; 0 to find crests (or give the 'Crest distances d̂')</source>
        <translation>曲线没有 Γ(A,d)：要寻找波峰，“蒙特卡洛模拟次数”必须 &gt; 0（或给出“波峰距离 d̂”）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="213"/>
        <source>no simulations: Γ(A,d) is unknown (drawn as 0); the crests are the 'Crest distances d̂' given</source>
        <translation>没有模拟：Γ(A,d) 未知（按 0 绘制）；波峰即所给的“波峰距离 d̂”</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="226"/>
        <source>Crest distances given: {distances}</source>
        <translation>给定的波峰距离：{distances}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="231"/>
        <source>{n} crest(s) of Γ(A,d) at {distances} {units}</source>
        <translation>Γ(A,d) 有 {n} 个波峰，位于 {distances} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="231"/>
        <source>no crest: Γ(A,d) is 0 at every distance (the industry is not localized)</source>
        <translation>没有波峰：Γ(A,d) 在每个距离上都为 0（该行业不集聚）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="237"/>
        <source>the crest at {distance:g} is the last distance: Γ may keep rising beyond; extend the 'Largest distance'</source>
        <translation>位于 {distance:g} 的波峰是最后一个距离：Γ 可能在更远处继续上升；请加大“最大距离”</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="245"/>
        <source>ĥ = h_max / 3 = {h:g} {units}</source>
        <translation>ĥ = h_max / 3 = {h:g} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="248"/>
        <source>no h_max: ĥ = the curve's bandwidth h = {h:.6g} {units}</source>
        <translation>没有 h_max：ĥ = 曲线的带宽 h = {h:.6g} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="251"/>
        <source>the curve has no h_max: give the 'Boundary distance ĥ' yourself</source>
        <translation>曲线没有 h_max：请自行给出“边界距离 ĥ”</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="256"/>
        <source>no h_max: the reference clusters are those of the local scale</source>
        <translation>没有 h_max：参照集群采用局部尺度的集群</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="277"/>
        <source>Firms per crest</source>
        <translation>按波峰标记的企业</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="296"/>
        <source>Crests</source>
        <translation>波峰</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="314"/>
        <source>read from a table</source>
        <translation>读自表格</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="314"/>
        <source>computed here</source>
        <translation>在此计算</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="322"/>
        <source>Crests of Γ(A, d)</source>
        <translation>Γ(A, d) 的波峰</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="323"/>
        <source>localization index with its crests</source>
        <translation>集聚指数及其波峰</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="326"/>
        <source>No crest: Γ(A,d) is 0 at every distance.</source>
        <translation>没有波峰：Γ(A,d) 在每个距离上都为 0。</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="327"/>
        <source>crest</source>
        <translation>波峰</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="327"/>
        <source>prominence</source>
        <translation>突出度</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>core firms</source>
        <translation>核心企业</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="327"/>
        <source>in clusters (members)</source>
        <translation>位于集群中（成员）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="327"/>
        <source>inside cluster rectangles</source>
        <translation>位于集群矩形内</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="327"/>
        <source>share inside</source>
        <translation>矩形内占比</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="333"/>
        <source>What makes each crest</source>
        <translation>每个波峰的成因</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="335"/>
        <source>Crest {k}: {verdict}</source>
        <translation>波峰 {k}：{verdict}</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="339"/>
        <source>crest {k}: d̂ = {distance:g}, ĥ = {h:g} ({n_core} core)</source>
        <translation>波峰 {k}：d̂ = {distance:g}，ĥ = {h:g}（{n_core} 家核心企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="345"/>
        <source>Core firms per crest (as the paper&apos;s Figure 14)</source>
        <translation>各波峰的核心企业（同论文图 14）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="346"/>
        <source>Coloured: core firms at (d̂, ĥ); outlines: the reference clusters.</source>
        <translation>着色：(d̂, ĥ) 下的核心企业；轮廓：参照集群。</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="349"/>
        <source>core firms per crest</source>
        <translation>各波峰的核心企业</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="352"/>
        <source>Parameters of the curve</source>
        <translation>曲线的参数</translation>
    </message>
    <message>
        <location filename="../algorithms/docurve.py" line="50"/>
        <source>DO curve and localization index</source>
        <translation>DO曲线与集聚指数</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="67"/>
        <source>DO curve (table)</source>
        <translation>DO曲线（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="79"/>
        <source>Γ(A), localization index</source>
        <translation>Γ(A)，集聚指数</translation>
    </message>
    <message>
        <location filename="../algorithms/docurve.py" line="33"/>
        <source>Ψ(A), dispersion index</source>
        <translation>Ψ(A)，分散指数</translation>
    </message>
    <message>
        <location filename="../algorithms/docurve.py" line="34"/>
        <source>Bandwidth h of the observed curve</source>
        <translation>观测曲线的带宽 h</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="12"/>
        <source>
&lt;p&gt;Compares detected core firms with the truth over the firms of the input
layer (normally the industry's firms, e.g. the &lt;i&gt;Core firms&lt;/i&gt; output of
&lt;i&gt;MCLM-LDO core firms and clusters&lt;/i&gt; run on a synthetic dataset, which keeps its
&lt;code&gt;truth&lt;/code&gt; field):&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Eq. 8&lt;/b&gt; Recall = TP / (TP + FN); &lt;b&gt;Eq. 9&lt;/b&gt; Specificity = TN /
(TN + FP); &lt;b&gt;Eq. 10&lt;/b&gt; Accuracy = (TP + TN) / N.&lt;/p&gt;
&lt;p&gt;A firm is predicted core when its &lt;b&gt;Predicted core field&lt;/b&gt; is 1/true (a
number ≠ 0, or the text 'core', '1', 'true'); it is truly core when its
&lt;b&gt;Truth field&lt;/b&gt; equals the &lt;b&gt;Truth value of core firms&lt;/b&gt; (default
'core'). NULL predictions count as not core.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;在输入图层的企业（通常为该行业的企业，如在合成数据集上运行 &lt;i&gt;MCLM-LDO 核心企业与集群&lt;/i&gt;得到的&lt;i&gt;核心企业&lt;/i&gt;输出，其中保留了
&lt;code&gt;truth&lt;/code&gt; 字段）上比较识别出的核心企业与真值：&lt;/p&gt;
&lt;p&gt;&lt;b&gt;公式 8&lt;/b&gt; 召回率 = TP / (TP + FN)；&lt;b&gt;公式 9&lt;/b&gt; 特异度 = TN /
(TN + FP)；&lt;b&gt;公式 10&lt;/b&gt; 准确率 = (TP + TN) / N。&lt;/p&gt;
&lt;p&gt;企业的&lt;b&gt;预测核心字段&lt;/b&gt;为 1/true（非 0 的数字，或文本 'core'、'1'、'true'）时预测为核心企业；其&lt;b&gt;真值字段&lt;/b&gt;等于&lt;b&gt;核心企业的真值&lt;/b&gt;（默认
'core'）时真实为核心企业。预测为 NULL 的视为非核心企业。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="43"/>
        <source>Evaluate core-firm detection</source>
        <translation>评估核心企业识别</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="49"/>
        <source>Firms with predicted and true core status</source>
        <translation>带有预测与真实核心状态的企业</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="51"/>
        <source>Predicted core field (1/0)</source>
        <translation>预测核心字段（1/0）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="53"/>
        <source>Truth field</source>
        <translation>真值字段</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="55"/>
        <source>Truth value of core firms</source>
        <translation>核心企业的真值</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="60"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="60"/>
        <source>Specificity</source>
        <translation>特异度</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="60"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="75"/>
        <source>{layer_label} has no field &apos;{name}&apos;</source>
        <translation>{layer_label} 没有字段“{name}”</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="85"/>
        <source>{layer_label} has no features</source>
        <translation>{layer_label} 没有要素</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="89"/>
        <source>no firm of {layer_label} has {truth_field} = &apos;{core_value}&apos;: recall is undefined (NULL); check the &apos;Truth field&apos; and the &apos;Truth value of core firms&apos;</source>
        <translation>{layer_label} 中没有企业满足 {truth_field} = “{core_value}”：召回率无定义（NULL）；请检查“真值字段”和“核心企业的真值”</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="95"/>
        <source>every firm of {layer_label} has {truth_field} = &apos;{core_value}&apos;: specificity is undefined (NULL)</source>
        <translation>{layer_label} 中每家企业都满足 {truth_field} = “{core_value}”：特异度无定义（NULL）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="106"/>
        <source>Evaluation of core-firm detection</source>
        <translation>核心企业识别的评估</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="107"/>
        <source>{n_predicted} firms; predicted: &apos;{pred_field}&apos;, truth: &apos;{truth_field}&apos; = &apos;{core_value}&apos;.</source>
        <translation>{n_predicted} 家企业；预测：“{pred_field}”，真值：“{truth_field}” = “{core_value}”。</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>Recall (Eq. 8)</source>
        <translation>召回率（公式 8）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>Specificity (Eq. 9)</source>
        <translation>特异度（公式 9）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>Accuracy (Eq. 10)</source>
        <translation>准确率（公式 10）</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>true positives</source>
        <translation>真阳性</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>true negatives</source>
        <translation>真阴性</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>false positives</source>
        <translation>假阳性</translation>
    </message>
    <message>
        <location filename="../algorithms/evaluate.py" line="110"/>
        <source>false negatives</source>
        <translation>假阴性</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="37"/>
        <source>
&lt;p&gt;The DO-LDO analysis over time, as the paper's application (section 3.3):
for every year Y of the &lt;b&gt;Years&lt;/b&gt; the industry is the &lt;b&gt;Industry
firms&lt;/b&gt; whose &lt;b&gt;Establishment year field&lt;/b&gt; is ≤ Y, the background likewise (the paper's
&lt;i&gt;surviving firms&lt;/i&gt;). Per year:&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;the &lt;b&gt;DO curve&lt;/b&gt;, Γ(A), Ψ(A), h_max and the bandwidth (Table 4); all
years use the same distances (an empty &lt;b&gt;Largest distance&lt;/b&gt;: the median
pair distance of the industry in the last year, not extended) and the same
&lt;b&gt;Random seed&lt;/b&gt; (so a year equals &lt;i&gt;DO
curve and localization index&lt;/i&gt; run on that year's firms);&lt;/li&gt;
&lt;li&gt;the &lt;b&gt;global scale&lt;/b&gt; at ĥ = h_max: the boundary and the agglomeration
centre (Figure 11a);&lt;/li&gt;
&lt;li&gt;the &lt;b&gt;local scale&lt;/b&gt; (adaptive h&lt;sub&gt;i&lt;/sub&gt;): local clusters with
P&lt;sub&gt;n&lt;/sub&gt; and LDO&lt;sub&gt;mean&lt;/sub&gt; (Table 5, Figure 11b).&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;&lt;b&gt;Cluster ids&lt;/b&gt; are stable over the years: a firm keeps its identity
(the set of firms only grows), so a cluster continues the earlier cluster
with which it shares the most firms; when it shares none, the one whose
rectangle it overlaps most. Other clusters get new ids; a cluster that is no
longer significant stops (with survivors only, growth elsewhere can raise
the Eq. 7 threshold above its firms' LDO). A cluster that skips years keeps
its id when it comes back. The report lists every appearance, split, merge
and disappearance.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Years&lt;/b&gt;: a list such as &lt;code&gt;2000, 2005, 2010, 2015, 2020, 2022&lt;/code&gt; or a
range &lt;code&gt;2000:2020:5&lt;/code&gt;. Establishment years that are NULL or not
numbers (dates count as their year) are skipped and counted in the log.
&lt;b&gt;Closure year field&lt;/b&gt; (optional, on both layers): the year a firm closed; it is left
out of every year ≥ that year (NULL = still open).&lt;/p&gt;
&lt;p&gt;Outputs: &lt;i&gt;Summary per year&lt;/i&gt;, one row per year (year, n_firms, n_background,
gamma_sum, psi_sum, h_max, bandwidth, global_core, clusters); &lt;i&gt;Localization
curves per year&lt;/i&gt;, the
localization curves of all years (year, distance, do_obs, upper, lower,
gamma, psi; the report charts Γ(A,d) per year like the paper's Figure 10);
&lt;i&gt;Local clusters per year&lt;/i&gt;, the rectangles per year (year, cluster = the
stable id, rank = the year's own number, firms, p_n, ldo_mean, ldo_max,
status new/continued/reappeared); &lt;i&gt;Global boundary per year&lt;/i&gt; and
&lt;i&gt;Agglomeration centre per year&lt;/i&gt;. The layers have date fields
&lt;code&gt;start&lt;/code&gt; (1 January of the year) and &lt;code&gt;end&lt;/code&gt; (1 January
of the next analysed year) and their temporal properties set, so the
temporal controller animates the layers Processing loads. GeoPackage
outputs carry the settings in their embedded default style; QGIS 3.22
resets temporal settings when it opens a file (it only pre-selects the
&lt;code&gt;start&lt;/code&gt;/&lt;code&gt;end&lt;/code&gt; fields), so on a file opened later tick
&lt;i&gt;Dynamic Temporal Control&lt;/i&gt; in the layer properties, or load its
default style.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;按时间进行 DO-LDO 分析，如论文的应用（第 3.3 节）：
对&lt;b&gt;年份&lt;/b&gt;中的每个年份 Y，行业为&lt;b&gt;成立年份字段&lt;/b&gt; ≤ Y 的&lt;b&gt;行业企业&lt;/b&gt;，背景企业同理（论文中的&lt;i&gt;存续企业&lt;/i&gt;）。每个年份：&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;DO曲线&lt;/b&gt;、Γ(A)、Ψ(A)、h_max 和带宽（表 4）；所有年份使用相同的距离（&lt;b&gt;最大距离&lt;/b&gt;留空时：取最后一年该行业企业对距离的中位数，不延长）和相同的
&lt;b&gt;随机种子&lt;/b&gt;（因此某一年的结果等于用该年企业运行 &lt;i&gt;DO曲线与集聚指数&lt;/i&gt;的结果）；&lt;/li&gt;
&lt;li&gt;ĥ = h_max 下的&lt;b&gt;全局尺度&lt;/b&gt;：边界和集聚中心（图 11a）；&lt;/li&gt;
&lt;li&gt;&lt;b&gt;局部尺度&lt;/b&gt;（自适应 h&lt;sub&gt;i&lt;/sub&gt;）：局部集群及其
P&lt;sub&gt;n&lt;/sub&gt; 和 LDO&lt;sub&gt;mean&lt;/sub&gt;（表 5，图 11b）。&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;&lt;b&gt;集群编号&lt;/b&gt;在各年份间保持稳定：企业保持其身份（企业集合只增不减），因此一个集群延续与其共有企业最多的早期集群；若没有共有企业，则延续其矩形与之重叠最多的集群。其他集群获得新编号；不再显著的集群终止（仅考虑存续企业时，其他地方的增长可能使公式 7 的阈值高于其企业的局部DO指数）。中断若干年后重新出现的集群保留其编号。报告列出每一次出现、分裂、合并和消失。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;年份&lt;/b&gt;：如 &lt;code&gt;2000, 2005, 2010, 2015, 2020, 2022&lt;/code&gt; 的列表，或如
&lt;code&gt;2000:2020:5&lt;/code&gt; 的范围。成立年份为 NULL 或不是数字的企业（日期按其年份计）会被跳过并在日志中计数。
&lt;b&gt;关闭年份字段&lt;/b&gt;（可选，两个图层都需要）：企业关闭的年份；在该年及以后的年份中不计入该企业（NULL = 仍在经营）。&lt;/p&gt;
&lt;p&gt;输出：&lt;i&gt;各年份汇总&lt;/i&gt;，每年一行（year、n_firms、n_background、
gamma_sum、psi_sum、h_max、bandwidth、global_core、clusters）；&lt;i&gt;各年份集聚曲线&lt;/i&gt;，所有年份的集聚曲线（year、distance、do_obs、upper、lower、
gamma、psi；报告像论文图 10 那样绘制各年份的 Γ(A,d)）；
&lt;i&gt;各年份局部集群&lt;/i&gt;，各年份的矩形（year、cluster = 稳定编号、rank = 该年自身的编号、firms、p_n、ldo_mean、ldo_max、
status：new/continued/reappeared）；&lt;i&gt;各年份全局边界&lt;/i&gt;和
&lt;i&gt;各年份集聚中心&lt;/i&gt;。这些图层带有日期字段
&lt;code&gt;start&lt;/code&gt;（该年 1 月 1 日）和 &lt;code&gt;end&lt;/code&gt;（下一个分析年份的 1 月 1 日），并设置了时间属性，因此时间控制器可以为处理工具加载的图层制作动画。GeoPackage 输出把这些设置保存在其内嵌的默认样式中；QGIS 3.22 打开文件时会重置时间设置（只预选
&lt;code&gt;start&lt;/code&gt;/&lt;code&gt;end&lt;/code&gt; 字段），因此对之后打开的文件，请在图层属性中勾选&lt;i&gt;动态时间控制&lt;/i&gt;，或加载其默认样式。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="93"/>
        <source>&apos;Years&apos; is empty: give e.g. 2000,2005,2010</source>
        <translation>“年份”为空：请给出如 2000,2005,2010</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="111"/>
        <source>&apos;Years&apos;: cannot read &apos;{part}&apos;; give numbers such as 2000,2005,2010 or a range start:stop:step such as 2000:2020:5</source>
        <translation>“年份”：无法读取“{part}”；请给出如 2000,2005,2010 的数字，或如 2000:2020:5 的范围 起:止:步长</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="115"/>
        <source>&apos;Years&apos; must be finite numbers</source>
        <translation>“年份”必须是有限的数字</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="141"/>
        <source>{label} has no field &apos;{field}&apos; (the &apos;Establishment year field&apos;): both layers need the establishment year under the same name</source>
        <translation>{label} 没有字段“{field}”（“成立年份字段”）：两个图层都需要同名的成立年份字段</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="149"/>
        <source>{label} has no field &apos;{closure_field}&apos; (the &apos;Closure year field&apos;)</source>
        <translation>{label} 没有字段“{closure_field}”（“关闭年份字段”）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="157"/>
        <source>{label}: {skipped} firm(s) with a NULL or non-numeric &apos;{field}&apos; were skipped</source>
        <translation>{label}：{skipped} 家“{field}”为 NULL 或非数值的企业已跳过</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="168"/>
        <source>{label}: {bad} firm(s) have a non-numeric &apos;{closure_field}&apos;: treated as still open</source>
        <translation>{label}：{bad} 家企业的“{closure_field}”不是数值：视为仍在经营</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="224"/>
        <source>, no h_max</source>
        <translation>，无 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="231"/>
        <source>localization index Γ(A, d)</source>
        <translation>集聚指数 Γ(A, d)</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="232"/>
        <source>Evolution of the localization index (▼ = h_max)</source>
        <translation>集聚指数的演变（▼ = h_max）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="268"/>
        <source>(a) global boundary and centre per year</source>
        <translation>(a) 各年份的全局边界与集聚中心</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="280"/>
        <source>(b) local clusters of all years, by stable id</source>
        <translation>(b) 各年份的局部集群（按稳定编号）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="548"/>
        <source>Agglomeration over time</source>
        <translation>集聚的时间演变</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="295"/>
        <source>Establishment year field (on both layers)</source>
        <translation>成立年份字段（两个图层都需要）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="298"/>
        <source>Years (e.g. 2000,2005,2010 or 2000:2020:5)</source>
        <translation>年份（如 2000,2005,2010 或 2000:2020:5）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="300"/>
        <source>Closure year field (optional; empty = surviving firms only)</source>
        <translation>关闭年份字段（可选；留空 = 仅存续企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="305"/>
        <source>Summary per year (table)</source>
        <translation>各年份汇总（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="307"/>
        <source>Localization curves per year (table)</source>
        <translation>各年份集聚曲线（表）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="309"/>
        <source>Local clusters per year (stable ids)</source>
        <translation>各年份局部集群（稳定编号）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="312"/>
        <source>Global boundary per year</source>
        <translation>各年份全局边界</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="314"/>
        <source>Agglomeration centre per year</source>
        <translation>各年份集聚中心</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="319"/>
        <source>Years analysed</source>
        <translation>分析的年份数</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="320"/>
        <source>Distinct local clusters over the years</source>
        <translation>历年不同局部集群的个数</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="322"/>
        <source>Firms skipped (NULL / non-numeric year)</source>
        <translation>跳过的企业（年份为 NULL 或非数值）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="348"/>
        <source>{label}: only {n} firm(s) have a year in &apos;{year_field}&apos;</source>
        <translation>{label}：只有 {n} 家企业在“{year_field}”中有年份</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="357"/>
        <source>Years: {join}</source>
        <translation>年份：{join}</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="370"/>
        <source>fewer than 2 of the {layer_label} in or before {year_label}</source>
        <translation>{year_label} 年及以前的 {layer_label} 不足 2 家</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="376"/>
        <source>&apos;Largest distance&apos; is empty: the median pair distance of the industry in {year}, {d_max:.6g} {units}{estimated}; every year uses these distances, so they are not extended</source>
        <translation>“最大距离”为空：取该行业 {year} 年企业对距离的中位数 {d_max:.6g} {units}{estimated}；所有年份都使用这些距离，因此不再延长</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="376"/>
        <source> (estimated from random pairs)</source>
        <translation>（由随机企业对估计）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="392"/>
        <source>Year {year}: {size} industry firms, {value} background firms</source>
        <translation>{year} 年：{size} 家行业企业，{value} 家背景企业</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="410"/>
        <source>Year {year} skipped: {skipped}</source>
        <translation>{year} 年已跳过：{skipped}</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="426"/>
        <source>years</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="427"/>
        <source>year field</source>
        <translation>年份字段</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="428"/>
        <source>closure field</source>
        <translation>关闭年份字段</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="428"/>
        <source>(none: survivors)</source>
        <translation>（无：仅存续企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="430"/>
        <source>firms skipped (no year)</source>
        <translation>跳过的企业（无年份）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="159"/>
        <source>smallest cluster</source>
        <translation>最小集群</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="159"/>
        <source>{pct:g} % of the firms</source>
        <translation>企业数的 {pct:g} %</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="161"/>
        <source>rectangles</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="161"/>
        <source>oriented</source>
        <translation>有向（最小面积）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="161"/>
        <source>axis-aligned</source>
        <translation>与坐标轴平行</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="458"/>
        <source>Summary per year</source>
        <translation>各年份汇总</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="477"/>
        <source>Localization curves per year</source>
        <translation>各年份集聚曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="500"/>
        <source>Local clusters over time</source>
        <translation>局部集群的时间演变</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="534"/>
        <source>Global boundary over time</source>
        <translation>全局边界的时间演变</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="540"/>
        <source>Agglomeration centre over time</source>
        <translation>集聚中心的时间演变</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="552"/>
        <source>Localization index per year (Table 4, Figure 10)</source>
        <translation>各年份的集聚指数（表 4，图 10）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="553"/>
        <source>localization index per year</source>
        <translation>各年份的集聚指数</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="559"/>
        <source>year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="559"/>
        <source>firms N_A</source>
        <translation>企业数 N_A</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="559"/>
        <source>background</source>
        <translation>背景企业</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="227"/>
        <source>global core firms</source>
        <translation>全局核心企业</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="559"/>
        <source>local clusters</source>
        <translation>局部集群</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="563"/>
        <source>{year}: skipped, {reason}.</source>
        <translation>{year} 年：已跳过，{reason}。</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="566"/>
        <source>{year}: no h_max (not localized at the first distance), no global boundary.</source>
        <translation>{year} 年：没有 h_max（在第一个距离上不集聚），没有全局边界。</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="568"/>
        <source>Local clusters over the years (Table 5)</source>
        <translation>各年份的局部集群（表 5）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="575"/>
        <source>LDO_mean per year (“-”: not a significant cluster that year)</source>
        <translation>各年份的 LDO_mean（“-”：该年不是显著集群）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="193"/>
        <source>cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="579"/>
        <source>P_n (%) per year</source>
        <translation>各年份的 P_n（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="582"/>
        <source>Firms per year</source>
        <translation>各年份的企业数</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="587"/>
        <source>No local cluster in any year.</source>
        <translation>任何年份都没有局部集群。</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="589"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="592"/>
        <source>Maps (Figure 11)</source>
        <translation>地图（图 11）</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="593"/>
        <source>boundaries and clusters over time</source>
        <translation>边界与集群的时间演变</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="17"/>
        <source>
&lt;p&gt;The DO-LDO framework of the paper (its figure 1) in one run:&lt;/p&gt;
&lt;ol&gt;
&lt;li&gt;the &lt;b&gt;DO curve&lt;/b&gt; of the &lt;b&gt;Industry firms&lt;/b&gt; against the
&lt;b&gt;Background&lt;/b&gt; with its global band, Γ(A) and the boundary distance &lt;b&gt;h_max&lt;/b&gt; (see &lt;i&gt;DO curve
and localization index&lt;/i&gt;);&lt;/li&gt;
&lt;li&gt;&lt;b&gt;global scale&lt;/b&gt;: the LDO index at ĥ = h_max, core firms by Eq. 7
(LDO&lt;sub&gt;i&lt;/sub&gt; ≥ max(μ, 2σ)), the &lt;b&gt;boundary&lt;/b&gt; (rectangle of all global
core firms) and the &lt;b&gt;agglomeration centre&lt;/b&gt; (the core firm with the largest
LDO; the &lt;i&gt;Agglomeration centre&lt;/i&gt; output, drawn as a large red star);&lt;/li&gt;
&lt;li&gt;&lt;b&gt;local scale&lt;/b&gt;: the LDO index with every firm's own bandwidth
h&lt;sub&gt;i&lt;/sub&gt; (Eq. 2, Silverman's rule, on its distances to the other
firms), core firms, &lt;b&gt;clusters&lt;/b&gt; (single linkage at min(h&lt;sub&gt;i&lt;/sub&gt;,
h&lt;sub&gt;j&lt;/sub&gt;), at least two firms and at least the &lt;b&gt;Smallest cluster&lt;/b&gt;
share of the firms), their rectangles and centres.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;When the DO curve has no h_max (the industry is not localized at short
distances), or h_max is only the last distance (Γ(A,d) has not come back to
0 even on the default range, which is extended up to the industry's largest
pair distance, or on the range given), h_max is no boundary: the log and the
report say so, the curve and the local scale are still computed, the global
core firms, boundary and agglomeration centre are not written and the
output &lt;i&gt;h_max (boundary distance)&lt;/i&gt; is NULL. A &lt;b&gt;Weight field&lt;/b&gt;
weights the DO curve (Eq. 1 weighted) and the LDO index (Eq. 12,
product).&lt;/p&gt;
&lt;p&gt;Numbers: &lt;i&gt;h_max (boundary distance)&lt;/i&gt;, &lt;i&gt;Γ(A), localization
index&lt;/i&gt;, &lt;i&gt;Core firms (local scale)&lt;/i&gt; and &lt;i&gt;Clusters (local
scale)&lt;/i&gt;, &lt;i&gt;Core firms (global scale)&lt;/i&gt; (NULL without a boundary).&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;一次运行论文的 DO-LDO 框架（其图 1）：&lt;/p&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;行业企业&lt;/b&gt;相对于&lt;b&gt;背景企业&lt;/b&gt;的 &lt;b&gt;DO曲线&lt;/b&gt;，及其全局置信带、Γ(A) 和边界距离 &lt;b&gt;h_max&lt;/b&gt;（见 &lt;i&gt;DO曲线与集聚指数&lt;/i&gt;）；&lt;/li&gt;
&lt;li&gt;&lt;b&gt;全局尺度&lt;/b&gt;：ĥ = h_max 下的局部DO指数，按公式 7
（LDO&lt;sub&gt;i&lt;/sub&gt; ≥ max(μ, 2σ)）判定的核心企业，&lt;b&gt;边界&lt;/b&gt;（全部全局核心企业的外接矩形）和&lt;b&gt;集聚中心&lt;/b&gt;（局部DO指数最大的核心企业；即&lt;i&gt;集聚中心&lt;/i&gt;输出，绘为大红色星形）；&lt;/li&gt;
&lt;li&gt;&lt;b&gt;局部尺度&lt;/b&gt;：每家企业采用自己带宽
h&lt;sub&gt;i&lt;/sub&gt; 的局部DO指数（公式 2，Silverman 法则，作用于其到其他企业的距离），核心企业，&lt;b&gt;集群&lt;/b&gt;（在 min(h&lt;sub&gt;i&lt;/sub&gt;,
h&lt;sub&gt;j&lt;/sub&gt;) 下单连接，至少两家企业且至少占企业的&lt;b&gt;最小集群&lt;/b&gt;比例），以及集群的外接矩形和中心。&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;若 DO曲线没有 h_max（该行业在短距离上不集聚），或 h_max 只是最后一个距离（即使在默认范围（最多延长到该行业企业对的最大距离）或所给范围内，Γ(A,d) 仍未回落到 0），则 h_max 不是边界：日志和报告会说明，曲线和局部尺度仍会计算，全局核心企业、边界和集聚中心不写出，输出 &lt;i&gt;h_max（边界距离）&lt;/i&gt;为 NULL。&lt;b&gt;权重字段&lt;/b&gt;
对 DO曲线（加权的公式 1）和局部DO指数（公式 12，乘积）加权。&lt;/p&gt;
&lt;p&gt;数值输出：&lt;i&gt;h_max（边界距离）&lt;/i&gt;、&lt;i&gt;Γ(A)，集聚指数&lt;/i&gt;、&lt;i&gt;核心企业（局部尺度）&lt;/i&gt;、&lt;i&gt;集群（局部尺度）&lt;/i&gt;和&lt;i&gt;核心企业（全局尺度）&lt;/i&gt;（没有边界时为 NULL）。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="48"/>
        <source>Step 3/5 skipped: h_max is only the last distance ({h}), where Γ(A,d) has not come back to 0: it is not a boundary, so there is no global scale (no global core firms, boundary or agglomeration centre) and h_max is NULL; the curve and the local scale are still given</source>
        <translation>第 3/5 步已跳过：h_max 只是最后一个距离（{h}），Γ(A,d) 在该处尚未回落到 0：它不是边界，因此没有全局尺度（没有全局核心企业、边界和集聚中心），h_max 为 NULL；仍给出曲线和局部尺度的结果</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="52"/>
        <source>h_max is only the last distance ({h}), where Γ(A,d) has not come back to 0: it is not a boundary, so there is no global scale (no global core firms, boundary or agglomeration centre) and h_max is NULL; the curve and the local scale are still given.</source>
        <translation>h_max 只是最后一个距离（{h}），Γ(A,d) 在该处尚未回落到 0：它不是边界，因此没有全局尺度（没有全局核心企业、边界和集聚中心），h_max 为 NULL；仍给出曲线和局部尺度的结果。</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="154"/>
        <source>DO-LDO framework</source>
        <translation>DO-LDO 框架</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="68"/>
        <source>Core firms, global scale (ĥ = h_max)</source>
        <translation>核心企业，全局尺度（ĥ = h_max）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="69"/>
        <source>Boundary (global scale)</source>
        <translation>边界（全局尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="70"/>
        <source>Agglomeration centre (global scale)</source>
        <translation>集聚中心（全局尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="72"/>
        <source>Core firms, local scale (adaptive h_i)</source>
        <translation>核心企业，局部尺度（自适应 h_i）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="73"/>
        <source>Cluster rectangles (local scale)</source>
        <translation>集群外接矩形（局部尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="74"/>
        <source>Cluster centres (local scale)</source>
        <translation>集群中心（局部尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="80"/>
        <source>Core firms (local scale)</source>
        <translation>核心企业（局部尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="190"/>
        <source>Clusters (local scale)</source>
        <translation>集群（局部尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="82"/>
        <source>Core firms (global scale)</source>
        <translation>核心企业（全局尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="88"/>
        <source>Step 1/5: reading the firms</source>
        <translation>第 1/5 步：读取企业</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="93"/>
        <source>Step 2/5: DO curve, global band and h_max</source>
        <translation>第 2/5 步：DO曲线、全局置信带和 h_max</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="106"/>
        <source>Step 3/5: global scale, ĥ = h_max = {h_max:g} {units}</source>
        <translation>第 3/5 步：全局尺度，ĥ = h_max = {h_max:g} {units}</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="122"/>
        <source>Agglomeration centre: ({x:.6g}, {y:.6g})</source>
        <translation>集聚中心：({x:.6g}, {y:.6g})</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="127"/>
        <source>Step 3/5 skipped: there is no h_max, so no global scale (no global core firms, boundary or agglomeration centre); the curve and the local scale are still given</source>
        <translation>第 3/5 步已跳过：没有 h_max，因此没有全局尺度（没有全局核心企业、边界和集聚中心）；仍给出曲线和局部尺度的结果</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="133"/>
        <source>Step 4/5: local scale, adaptive bandwidth h_i per firm</source>
        <translation>第 4/5 步：局部尺度，每家企业自适应带宽 h_i</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="146"/>
        <source>Step 5/5: report</source>
        <translation>第 5/5 步：报告</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="166"/>
        <source>Global scale ($\hat{{h}}$ = h_max = {h_max:g} {units}): {n_is_core} core firms, boundary</source>
        <translation>全局尺度（ĥ = h_max = {h_max:g} {units}）：{n_is_core} 家核心企业，边界</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="171"/>
        <source>Local scale (adaptive h_i): {n_is_core} core firms, {n_clusters} clusters</source>
        <translation>局部尺度（自适应 h_i）：{n_is_core} 家核心企业，{n_clusters} 个集群</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="179"/>
        <source>No h_max: the global scale (boundary and agglomeration centre) is not computed; the local scale is shown.</source>
        <translation>没有 h_max：不计算全局尺度（边界和集聚中心）；只显示局部尺度。</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="183"/>
        <source>threshold max(μ, 2σ)</source>
        <translation>阈值 max(μ, 2σ)</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="189"/>
        <source>maps of the core firms</source>
        <translation>核心企业地图</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="193"/>
        <source>LDO mean</source>
        <translation>LDO 均值</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="193"/>
        <source>LDO max</source>
        <translation>LDO 最大值</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="195"/>
        <source>No cluster at the local scale.</source>
        <translation>局部尺度上没有集群。</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="29"/>
        <source>No industry has {min_firms} firms or more (the &apos;Smallest industry analysed&apos;): nothing was analysed</source>
        <translation>没有行业的企业数达到 {min_firms} 家（“分析的最小行业”）：未分析任何行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="33"/>
        <source>No industry was analysed ({listed}; and {n} more)</source>
        <translation>未分析任何行业（{listed}；另有 {n} 个）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="35"/>
        <source>No industry was analysed ({listed})</source>
        <translation>未分析任何行业（{listed}）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="112"/>
        <source>DO curves of every industry</source>
        <translation>所有行业的DO曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="74"/>
        <source>Smallest industry analysed (firms)</source>
        <translation>分析的最小行业（企业数）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="84"/>
        <source>Summary (one row per industry)</source>
        <translation>汇总（每个行业一行）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="51"/>
        <source>Curves (one row per industry and distance)</source>
        <translation>曲线（每个行业、每个距离一行）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="88"/>
        <source>Industries analysed</source>
        <translation>分析的行业数</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="51"/>
        <source>Industries localized</source>
        <translation>集聚的行业数</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="51"/>
        <source>Industries dispersed</source>
        <translation>分散的行业数</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="64"/>
        <source>DO curves of every industry of {n} firms ({codes} codes in &apos;{code_field}&apos;), {size} distances {span}, {n_sim} simulations each{on_dask}</source>
        <translation>{n} 家企业所有行业的DO曲线（“{code_field}”中 {codes} 个代码），{size} 个距离（{span}），每个行业 {n_sim} 次模拟{on_dask}</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="79"/>
        <source>{status}, Γ(A) = {gamma_sum:.4g}, h_max = {h_max}</source>
        <translation>{status}，Γ(A) = {gamma_sum:.4g}，h_max = {h_max}</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="113"/>
        <source>{industry} ({firms} firms): {text}</source>
        <translation>{industry}（{firms} 家企业）：{text}</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="88"/>
        <source>{n_industries} industries analysed: {localized} localized, {dispersed} dispersed</source>
        <translation>分析了 {n_industries} 个行业：{localized} 个集聚，{dispersed} 个分散</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="99"/>
        <source>Industries: summary</source>
        <translation>行业：汇总</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="99"/>
        <source>Industries: curves</source>
        <translation>行业：曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="249"/>
        <source>smallest industry</source>
        <translation>分析的最小行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="117"/>
        <source>{n} industries analysed: {loc} localized ({loc_pct:.0f} %), {dis} dispersed ({dis_pct:.0f} %), {neither} neither.</source>
        <translation>分析了 {n} 个行业：{loc} 个集聚（{loc_pct:.0f} %），{dis} 个分散（{dis_pct:.0f} %），{neither} 个既不集聚也不分散。</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="121"/>
        <source>Share of industries localized and dispersed</source>
        <translation>集聚与分散行业的占比</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="122"/>
        <source>share of industries localized and dispersed</source>
        <translation>集聚与分散行业的占比</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="128"/>
        <source>The most localized industries</source>
        <translation>集聚程度最高的行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="237"/>
        <source>{industry} ({firms} firms)</source>
        <translation>{industry}（{firms} 家企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="129"/>
        <source>curves of the most localized industries</source>
        <translation>集聚程度最高的行业的曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="134"/>
        <source>Ranking by Γ(A)</source>
        <translation>按 Γ(A) 排名</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="280"/>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="135"/>
        <source>peak distance ({units})</source>
        <translation>峰值距离（{units}）</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="143"/>
        <source>Skipped industries</source>
        <translation>跳过的行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industries.py" line="144"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="21"/>
        <source>
&lt;p&gt;The &lt;i&gt;DO-LDO framework&lt;/i&gt; for every industry of an economy at once.
&lt;b&gt;All firms&lt;/b&gt; holds every firm with its code in the &lt;b&gt;Industry field&lt;/b&gt;;
for each industry with at least the &lt;b&gt;Smallest industry analysed&lt;/b&gt; firms:
its &lt;b&gt;DO curve&lt;/b&gt; and global band (&lt;b&gt;Monte-Carlo simulations&lt;/b&gt; draws
from the &lt;b&gt;Background&lt;/b&gt;, by default all firms), &lt;b&gt;h_max&lt;/b&gt;, the
&lt;b&gt;global scale&lt;/b&gt; (LDO at ĥ = h_max, core firms by Eq. 7, clusters, the
boundary) and the &lt;b&gt;local scale&lt;/b&gt; (every firm's own bandwidth
h&lt;sub&gt;i&lt;/sub&gt;). With &lt;b&gt;Clusters of localized industries only&lt;/b&gt; (the
default) only industries with Γ(A) &amp;gt; 0 get clusters. An industry whose
Γ(A,d) neither falls to 0 nor has a significant trough inside the distances
has no real h_max: it gets no global scale, its local scale still runs, and
the summary's status says so. One firm is not a cluster: the smallest
cluster has two firms.&lt;/p&gt;
&lt;p&gt;Each industry draws with a seed made from the &lt;b&gt;Random seed&lt;/b&gt; and its
code: its result is the framework's on that industry alone with that seed,
in any batch.&lt;/p&gt;
&lt;p&gt;Outputs: &lt;b&gt;Firms of the industries analysed&lt;/b&gt; (fields industry,
ldo_global, core_global, cluster_global, h_i, ldo_local, core_local,
cluster_local); &lt;b&gt;Cluster rectangles&lt;/b&gt; (industry, scale, cluster, firms,
P_n, ldo_mean, ldo_max, centre_x, centre_y, area; coloured by industry);
&lt;b&gt;Cluster centres&lt;/b&gt; (stars); &lt;b&gt;Boundaries&lt;/b&gt; (per industry the
rectangle of its core firms, global scale, or local without h_max);
&lt;b&gt;Summary&lt;/b&gt; (per industry: firms, gamma_sum, h_max, global_core_firms,
local_core_firms, clusters, share_in_clusters, status); a &lt;b&gt;Report&lt;/b&gt;
(every cluster on one map, the ranking of industries by firms in clusters,
each industry's curve); the numbers &lt;i&gt;Industries analysed&lt;/i&gt; and
&lt;i&gt;Clusters&lt;/i&gt; (local scale). Give the firms to &lt;i&gt;Agglomeration by
region&lt;/i&gt; (core field core_local) to see the clusters city by city.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;一次对整体经济的所有行业运行 &lt;i&gt;DO-LDO 框架&lt;/i&gt;。
&lt;b&gt;全部企业&lt;/b&gt;包含每家企业及其在&lt;b&gt;行业字段&lt;/b&gt;中的代码；
对企业数至少为&lt;b&gt;分析的最小行业&lt;/b&gt;的每个行业：
计算其 &lt;b&gt;DO曲线&lt;/b&gt;和全局置信带（&lt;b&gt;蒙特卡洛模拟次数&lt;/b&gt;从&lt;b&gt;背景企业&lt;/b&gt;中抽样，默认为全部企业）、&lt;b&gt;h_max&lt;/b&gt;、
&lt;b&gt;全局尺度&lt;/b&gt;（ĥ = h_max 下的局部DO指数、按公式 7 判定的核心企业、集群、边界）和&lt;b&gt;局部尺度&lt;/b&gt;（每家企业自己的带宽
h&lt;sub&gt;i&lt;/sub&gt;）。勾选&lt;b&gt;只计算集聚行业的集群&lt;/b&gt;（默认）时，只有 Γ(A) &amp;gt; 0 的行业才计算集群。若某行业的
Γ(A,d) 在距离范围内既未降到 0 也没有显著波谷，则没有真正的 h_max：它没有全局尺度，仍计算其局部尺度，汇总的状态会说明这一点。一家企业不构成集群：最小的集群有两家企业。&lt;/p&gt;
&lt;p&gt;每个行业使用由&lt;b&gt;随机种子&lt;/b&gt;及其代码生成的种子抽样：其结果等于用该种子对该行业单独运行框架的结果，与批次无关。&lt;/p&gt;
&lt;p&gt;输出：&lt;b&gt;参与分析的行业的企业&lt;/b&gt;（字段 industry、
ldo_global、core_global、cluster_global、h_i、ldo_local、core_local、
cluster_local）；&lt;b&gt;集群外接矩形&lt;/b&gt;（industry、scale、cluster、firms、
P_n、ldo_mean、ldo_max、centre_x、centre_y、area；按行业着色）；
&lt;b&gt;集群中心&lt;/b&gt;（星形）；&lt;b&gt;边界&lt;/b&gt;（每个行业其核心企业的外接矩形，全局尺度；没有 h_max 时为局部尺度）；
&lt;b&gt;汇总&lt;/b&gt;（每个行业：firms、gamma_sum、h_max、global_core_firms、
local_core_firms、clusters、share_in_clusters、status）；&lt;b&gt;报告&lt;/b&gt;
（所有集群一图展示、按集群内企业数的行业排名、各行业的曲线）；以及数值&lt;i&gt;分析的行业数&lt;/i&gt;和
&lt;i&gt;集群&lt;/i&gt;（局部尺度）。把这些企业交给&lt;i&gt;分地区集聚&lt;/i&gt;（核心字段 core_local），即可逐个城市查看集群。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="216"/>
        <source>Clusters of every industry</source>
        <translation>所有行业的集群</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="76"/>
        <source>Clusters of localized industries only (Γ(A) &gt; 0)</source>
        <translation>只计算集聚行业的集群（Γ(A) &gt; 0）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="154"/>
        <source>Firms of the industries analysed</source>
        <translation>参与分析的行业的企业</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="81"/>
        <source>Cluster rectangles (every industry)</source>
        <translation>集群外接矩形（所有行业）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="189"/>
        <source>Cluster centres (every industry)</source>
        <translation>集群中心（所有行业）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="83"/>
        <source>Boundaries (one per industry)</source>
        <translation>边界（每个行业一个）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="89"/>
        <source>Clusters (local scale, all industries)</source>
        <translation>集群（局部尺度，所有行业）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="96"/>
        <source>Clusters of every industry of {n} firms (&apos;{code_field}&apos;), {size} distances {span}, {n_sim} simulations each{value}</source>
        <translation>{n} 家企业（“{code_field}”）所有行业的集群，{size} 个距离（{span}），每个行业 {n_sim} 次模拟{value}</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="110"/>
        <source>{core_text}, h_max = {h}, {local_core_firms} local core firms in {clusters} cluster(s)</source>
        <translation>{core_text}，h_max = {h}，{clusters} 个集群中有 {local_core_firms} 家局部核心企业</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="116"/>
        <source>No industry got clusters: none has MIN_FIRMS firms</source>
        <translation>没有行业得到集群：没有行业的企业数达到 MIN_FIRMS</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="116"/>
        <source>No industry got clusters: none is localized (set ONLY_LOCALIZED to false to compute the local scale of every industry)</source>
        <translation>没有行业得到集群：没有集聚的行业（把 ONLY_LOCALIZED 设为 false 可计算每个行业的局部尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="125"/>
        <source>Clusters of every industry: summary</source>
        <translation>所有行业的集群：汇总</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="175"/>
        <source>Clusters (every industry)</source>
        <translation>集群（所有行业）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="208"/>
        <source>Boundaries (per industry)</source>
        <translation>边界（每个行业）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="222"/>
        <source>Every cluster on one map (local scale)</source>
        <translation>所有集群一图展示（局部尺度）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="223"/>
        <source>clusters of every industry</source>
        <translation>所有行业的集群</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="224"/>
        <source>Industries ranked by firms in clusters</source>
        <translation>按集群内企业数对行业排名</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="227"/>
        <source>firms in clusters (local)</source>
        <translation>集群内企业数（局部）</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="227"/>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="227"/>
        <source>clusters</source>
        <translation>集群数</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="236"/>
        <source>Each industry&apos;s DO curve</source>
        <translation>各行业的DO曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="237"/>
        <source>curves of every industry</source>
        <translation>所有行业的曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="243"/>
        <source>Industries without clusters</source>
        <translation>没有集群的行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="249"/>
        <source>only localized industries</source>
        <translation>只计算集聚行业</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="249"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="249"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../algorithms/ldo.py" line="34"/>
        <source>LDO index</source>
        <translation>局部DO指数（LDO）</translation>
    </message>
    <message>
        <location filename="../algorithms/ldo.py" line="21"/>
        <source>Firms with LDO index</source>
        <translation>带局部DO指数的企业</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmldo.py" line="14"/>
        <source>MCLM-LDO core firms and clusters</source>
        <translation>MCLM-LDO 核心企业与集群</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="18"/>
        <source>
&lt;p&gt;The baselines of the paper (section 2.2.5), to compare with MCLM-LDO.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Statistic&lt;/b&gt; &lt;i&gt;lk&lt;/i&gt;: &lt;b&gt;Eq. 4&lt;/b&gt; LK&lt;sub&gt;i&lt;/sub&gt;(ĥ) = the number of
other industry firms within ĥ of firm i; &lt;i&gt;ldo&lt;/i&gt;: the LDO index (Eq. 6,
d̂ = 0) at ĥ.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Selection of core firms&lt;/b&gt; &lt;i&gt;local test&lt;/i&gt;: firm i stays in place,
N&lt;sub&gt;A&lt;/sub&gt; − 1 firms are drawn without replacement from the
&lt;b&gt;Background&lt;/b&gt; (minus firm i) as many times as the &lt;b&gt;Simulations of the
local test&lt;/b&gt; (999); i is core when its observed statistic is strictly
greater than every simulated one. Cost grows with N&lt;sub&gt;A&lt;/sub&gt; × simulations
(the log gives an estimate). &lt;i&gt;threshold&lt;/i&gt;: Eq. 7, core when the
statistic ≥ max(μ, 2σ).&lt;/p&gt;
&lt;p&gt;Baseline 1 = lk + local test; 2 = lk + threshold; 3 = ldo + local test
(ldo + threshold is MCLM-LDO). Core firms then form clusters exactly as in
MCLM-LDO (single linkage at ĥ, clusters of one firm or below the
&lt;b&gt;Smallest cluster&lt;/b&gt; share dropped). &lt;b&gt;Boundary distance ĥ&lt;/b&gt; is a
distance in layer units, normally h_max.&lt;/p&gt;
&lt;p&gt;Outputs as &lt;i&gt;MCLM-LDO core firms and clusters&lt;/i&gt;; the statistic column is
&lt;code&gt;lk&lt;/code&gt; or &lt;code&gt;ldo&lt;/code&gt;.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;论文中的基准方法（第 2.2.5 节），用于与 MCLM-LDO 比较。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;统计量&lt;/b&gt; &lt;i&gt;lk&lt;/i&gt;：&lt;b&gt;公式 4&lt;/b&gt; LK&lt;sub&gt;i&lt;/sub&gt;(ĥ) = 企业 i 周围 ĥ 范围内其他行业企业的个数；&lt;i&gt;ldo&lt;/i&gt;：ĥ 下的局部DO指数（公式 6，
d̂ = 0）。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;核心企业判定方式&lt;/b&gt; &lt;i&gt;local test&lt;/i&gt;（局部检验）：企业 i 位置不变，从&lt;b&gt;背景企业&lt;/b&gt;（除企业 i 外）中无放回地抽取
N&lt;sub&gt;A&lt;/sub&gt; − 1 家企业，共抽取&lt;b&gt;局部检验的模拟次数&lt;/b&gt;次（999）；若 i 的观测统计量严格大于每一次模拟值，则 i 为核心企业。计算量随 N&lt;sub&gt;A&lt;/sub&gt; × 模拟次数增长（日志会给出估计）。&lt;i&gt;threshold&lt;/i&gt;（阈值）：公式 7，统计量 ≥ max(μ, 2σ) 时为核心企业。&lt;/p&gt;
&lt;p&gt;基准 1 = lk + 局部检验；2 = lk + 阈值；3 = ldo + 局部检验
（ldo + 阈值即 MCLM-LDO）。核心企业随后与
MCLM-LDO 完全相同地形成集群（在 ĥ 下单连接，去掉只有一家企业或低于&lt;b&gt;最小集群&lt;/b&gt;比例的集群）。&lt;b&gt;边界距离 ĥ&lt;/b&gt; 是以图层单位表示的距离，通常取 h_max。&lt;/p&gt;
&lt;p&gt;输出同 &lt;i&gt;MCLM-LDO 核心企业与集群&lt;/i&gt;；统计量字段为
&lt;code&gt;lk&lt;/code&gt; 或 &lt;code&gt;ldo&lt;/code&gt;。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="46"/>
        <source>{seconds:.0f} s</source>
        <translation>{seconds:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="48"/>
        <source>{minutes:.0f} min</source>
        <translation>{minutes:.0f} 分钟</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="49"/>
        <source>{hours:.1f} h</source>
        <translation>{hours:.1f} 小时</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="71"/>
        <source>MCLM baselines (LK, local test)</source>
        <translation>MCLM 基准方法（LK、局部检验）</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="78"/>
        <source>Background: all firms (points; for the local test)</source>
        <translation>背景企业：全部企业（点；用于局部检验）</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="81"/>
        <source>Boundary distance ĥ ({units}; h_max)</source>
        <translation>边界距离 ĥ（{units}；即 h_max）</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="83"/>
        <source>Statistic</source>
        <translation>统计量</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="84"/>
        <source>Selection of core firms</source>
        <translation>核心企业判定方式</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="85"/>
        <source>Simulations of the local test</source>
        <translation>局部检验的模拟次数</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="102"/>
        <source>'Boundary distance ĥ' must be greater than 0 (normally the h_max of 'DO curve and localization index')</source>
        <translation>“边界距离 ĥ”必须大于 0（通常取“DO曲线与集聚指数”得到的 h_max）</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="108"/>
        <source>{upper} at ĥ = {h:g} {distance_units}, selection: {selection}</source>
        <translation>{upper}，ĥ = {h:g} {distance_units}，判定方式：{selection}</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="121"/>
        <source>The local test needs the &apos;Background&apos; layer (all firms)</source>
        <translation>局部检验需要“背景企业”图层（全部企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="140"/>
        <source>Local test: {n_sim} simulations for each of {n} firms against {shape} background firms; estimated run time up to {duration}</source>
        <translation>局部检验：{n} 家企业每家对 {shape} 家背景企业模拟 {n_sim} 次；预计运行时间最长 {duration}</translation>
    </message>
    <message>
        <location filename="../algorithms/mclmlk.py" line="145"/>
        <source>{msg}. This is a long run: fewer &apos;Simulations of the local test&apos; (e.g. 99), the threshold &apos;Selection of core firms&apos; or a smaller area make it shorter; Cancel stops it at any time</source>
        <translation>{msg}。运行时间较长：减少“局部检验的模拟次数”（如 99）、将“核心企业判定方式”设为阈值或缩小区域都可缩短时间；随时可以取消</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="20"/>
        <source>
&lt;p&gt;Where are the firms, the core firms and the clusters of each industry, city
by city? &lt;b&gt;All firms&lt;/b&gt; holds the firms with their code in the &lt;b&gt;Industry
field&lt;/b&gt; and, optionally, a &lt;b&gt;Core field&lt;/b&gt; saying which firms are core
(1/true), e.g. the core_local field of the firms written by &lt;i&gt;Clusters of
every industry&lt;/i&gt;. &lt;b&gt;Regions&lt;/b&gt; are polygons (cities, districts, parks)
named by the &lt;b&gt;Region id field&lt;/b&gt;, optionally grouped by the &lt;b&gt;Group
field&lt;/b&gt; (e.g. core / periphery). &lt;b&gt;Cluster centres&lt;/b&gt; (optional, e.g.
those of &lt;i&gt;Clusters of every industry&lt;/i&gt;) carry the same industry field;
those of the scale chosen in &lt;b&gt;Clusters counted&lt;/b&gt; are counted in the
region that holds them.&lt;/p&gt;
&lt;p&gt;A firm is in a region when its point lies inside the polygon (holes and
multipart regions count; on a boundary shared by two regions, in the one
with the lower id, so once); firms outside every region are counted as
outside (region NULL). Per region and industry (the &lt;b&gt;Region × industry
table&lt;/b&gt;): firms n&lt;sub&gt;ri&lt;/sub&gt;, core_firms, share_of_industry
n&lt;sub&gt;ri&lt;/sub&gt;/n&lt;sub&gt;i&lt;/sub&gt;, share_of_core, clusters, and the location
quotient lq = (n&lt;sub&gt;ri&lt;/sub&gt;/n&lt;sub&gt;r&lt;/sub&gt;) / (n&lt;sub&gt;i&lt;/sub&gt;/n), n and
n&lt;sub&gt;i&lt;/sub&gt; counting every firm. With a &lt;b&gt;Weight field&lt;/b&gt; (employees)
every count is a sum of weights.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Regions with their totals&lt;/b&gt;: each region's firms, industries,
clustered industries, core firms and core firms per 1,000 firms (drawn as a
choropleth). The &lt;b&gt;Report&lt;/b&gt; ranks the regions, draws the Lorenz curves of
the most concentrated industries with their locational Gini (Krugman 1991:
regions ordered by the industry's share over all firms' share; G = twice the
area between the diagonal and the curve; 0 = spread like the economy, near 1
= in few regions) and puts the groups side by side. Numbers: &lt;i&gt;Regions&lt;/i&gt;
and &lt;i&gt;Mean locational Gini of the industries&lt;/i&gt; (of their firms).&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;各行业的企业、核心企业和集群在哪里？逐个城市来看。&lt;b&gt;全部企业&lt;/b&gt;包含各企业及其在&lt;b&gt;行业字段&lt;/b&gt;中的代码，以及可选的&lt;b&gt;核心字段&lt;/b&gt;，表明哪些企业是核心企业
（1/true），如&lt;i&gt;所有行业的集群&lt;/i&gt;写出的企业的 core_local 字段。&lt;b&gt;地区&lt;/b&gt;是面（城市、区县、园区），以&lt;b&gt;地区编号字段&lt;/b&gt;命名，可按&lt;b&gt;分组字段&lt;/b&gt;（如核心 / 外围）分组。&lt;b&gt;集群中心&lt;/b&gt;（可选，如
&lt;i&gt;所有行业的集群&lt;/i&gt;的集群中心）带有相同的行业字段；在&lt;b&gt;计入的集群&lt;/b&gt;中选定尺度的集群中心，计入包含它的地区。&lt;/p&gt;
&lt;p&gt;企业的点位于面内时属于该地区（内环和多部件地区都计入；位于两个地区共享边界上的企业计入编号较小的地区，因此只计一次）；位于所有地区之外的企业计为区外（region 为 NULL）。每个地区和行业（&lt;b&gt;地区 × 行业表&lt;/b&gt;）：企业数 n&lt;sub&gt;ri&lt;/sub&gt;、core_firms、share_of_industry
n&lt;sub&gt;ri&lt;/sub&gt;/n&lt;sub&gt;i&lt;/sub&gt;、share_of_core、clusters，以及区位商
lq = (n&lt;sub&gt;ri&lt;/sub&gt;/n&lt;sub&gt;r&lt;/sub&gt;) / (n&lt;sub&gt;i&lt;/sub&gt;/n)，其中 n 和
n&lt;sub&gt;i&lt;/sub&gt; 计入每一家企业。给出&lt;b&gt;权重字段&lt;/b&gt;（从业人数）时，每个计数都是权重之和。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;带合计的地区&lt;/b&gt;：每个地区的企业数、行业数、有集群的行业数、核心企业数和每千家企业的核心企业数（绘为分级设色图）。&lt;b&gt;报告&lt;/b&gt;对地区排名，绘制地理集中程度最高的行业的洛伦兹曲线及其区位基尼系数（Krugman 1991：
地区按该行业占比与全部企业占比之比排序；G = 对角线与曲线之间面积的两倍；0 = 与整体经济同样分布，接近 1
= 集中在少数地区），并把各组地区并列比较。数值输出：&lt;i&gt;地区数&lt;/i&gt;
和&lt;i&gt;各行业区位基尼系数的均值&lt;/i&gt;（按其企业计）。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="267"/>
        <source>Agglomeration by region</source>
        <translation>分地区集聚</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="92"/>
        <source>Core field (1/true = core firm, e.g. core_local; optional)</source>
        <translation>核心字段（1/true = 核心企业，如 core_local；可选）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="95"/>
        <source>Regions (polygons: cities, districts, parks)</source>
        <translation>地区（面：城市、区县、园区）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="98"/>
        <source>Region id field</source>
        <translation>地区编号字段</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="100"/>
        <source>Group field (e.g. core / periphery; optional)</source>
        <translation>分组字段（如核心 / 外围；可选）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="104"/>
        <source>Cluster centres (optional, with the industry field)</source>
        <translation>集群中心（可选，需带行业字段）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="106"/>
        <source>Clusters counted (the centres&apos; scale field)</source>
        <translation>计入的集群（集群中心的尺度字段）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="108"/>
        <source>Region × industry table</source>
        <translation>地区 × 行业表</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="109"/>
        <source>Regions with their totals</source>
        <translation>带合计的地区</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="115"/>
        <source>Regions</source>
        <translation>地区数</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="116"/>
        <source>Mean locational Gini of the industries</source>
        <translation>各行业区位基尼系数的均值</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="140"/>
        <source>{sum} core firms (&apos;{core_field}&apos;)</source>
        <translation>{sum} 家核心企业（“{core_field}”）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="148"/>
        <source>{n_regions} regions; {firms:g} firm(s) outside every region</source>
        <translation>{n_regions} 个地区；{firms:g} 家企业位于所有地区之外</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="159"/>
        <source>Regions: region × industry</source>
        <translation>地区：地区 × 行业</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="181"/>
        <source>REGIONS must be a polygon layer</source>
        <translation>REGIONS 必须是面图层</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="192"/>
        <source>A region without an id or a geometry was skipped</source>
        <translation>已跳过一个没有编号或几何的地区</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="196"/>
        <source>Two regions have the id {rid!r} in &apos;{rfield}&apos;: the region ids must be unique (dissolve the layer by this field first)</source>
        <translation>“{rfield}”中有两个地区的编号都是 {rid!r}：地区编号必须唯一（请先按该字段融合图层）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="213"/>
        <source>REGIONS has no polygon with an id</source>
        <translation>REGIONS 中没有带编号的面</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="229"/>
        <source>{n} cluster centres ({scale})</source>
        <translation>{n} 个集群中心（{scale}）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="260"/>
        <source>Regions (core firms per 1,000 firms)</source>
        <translation>地区（每千家企业的核心企业数）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="260"/>
        <source>Regions (firms)</source>
        <translation>地区（企业数）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="268"/>
        <source>employees</source>
        <translation>从业人数</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="271"/>
        <source>{n} firms of {industries} industries in {regions} regions ({outside:g} {unit} outside every region){core}.</source>
        <translation>{industries} 个行业的 {n} 家企业分布于 {regions} 个地区（{outside:g} {unit}位于所有地区之外）{core}。</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="271"/>
        <source>; core firms from &apos;{field}&apos;</source>
        <translation>；核心企业取自“{field}”</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="277"/>
        <source>Regions ranked</source>
        <translation>地区排名</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="280"/>
        <source>region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="280"/>
        <source>industries with clusters</source>
        <translation>有集群的行业数</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="280"/>
        <source>core per 1,000</source>
        <translation>每千家企业的核心企业数</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="288"/>
        <source>The most concentrated industries (locational Gini)</source>
        <translation>地理集中程度最高的行业（区位基尼系数）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="289"/>
        <source>Lorenz curves</source>
        <translation>洛伦兹曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="290"/>
        <source>Gini (firms)</source>
        <translation>基尼系数（企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="290"/>
        <source>Gini (core firms)</source>
        <translation>基尼系数（核心企业）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="290"/>
        <source>top region</source>
        <translation>占比最高的地区</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="290"/>
        <source>its share</source>
        <translation>其占比</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="296"/>
        <source>Groups of regions side by side</source>
        <translation>各组地区并列比较</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="297"/>
        <source>groups side by side</source>
        <translation>各组并列比较</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>regions</source>
        <translation>地区数</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>share of the industry</source>
        <translation>占该行业的比例</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>share of its core firms</source>
        <translation>占其核心企业的比例</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="298"/>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="319"/>
        <source>firms, G = {gini:.2f}</source>
        <translation>企业，G = {gini:.2f}</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="322"/>
        <source>core firms, G = {gini:.2f}</source>
        <translation>核心企业，G = {gini:.2f}</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="326"/>
        <source>cumulative share of all firms</source>
        <translation>全部企业的累计占比</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="327"/>
        <source>cumulative share of the industry</source>
        <translation>该行业的累计占比</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="351"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="352"/>
        <source>share of the industry&apos;s firms (%)</source>
        <translation>占该行业企业的比例（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="60"/>
        <source>Synthetic test dataset</source>
        <translation>合成测试数据集</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="66"/>
        <source>Dataset (1 or 2: the paper&apos;s; 3: the province)</source>
        <translation>数据集（1 或 2：论文中的数据集；3：模拟省份）</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="69"/>
        <source>Synthetic firms</source>
        <translation>合成企业</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="70"/>
        <source>Regions (the province&apos;s cities; dataset 3 only)</source>
        <translation>地区（模拟省份的城市；仅数据集 3）</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="93"/>
        <source>Dataset {number}: {n_points} firms, {n_a} of industry A</source>
        <translation>数据集 {number}：{n_points} 家企业，其中行业 A {n_a} 家</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="95"/>
        <source>Synthetic dataset {number}</source>
        <translation>合成数据集 {number}</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="119"/>
        <source>Province: firms</source>
        <translation>模拟省份：企业</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="133"/>
        <source>Province: regions</source>
        <translation>模拟省份：地区</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="136"/>
        <source>Province: {n_points} firms of {n_codes} industries, {n_regions} regions (9 core, 12 periphery)</source>
        <translation>模拟省份：{n_codes} 个行业的 {n_points} 家企业，{n_regions} 个地区（9 个核心，12 个外围）</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="49"/>
        <source>Installing numba for DO-LDO</source>
        <translation>为 DO-LDO 安装 numba</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="52"/>
        <source>Installing numba was cancelled. DO-LDO keeps working on its numpy engine.</source>
        <translation>已取消安装 numba。DO-LDO 继续使用 numpy 引擎运行。</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="161"/>
        <source>Installing numba failed: {err}. DO-LDO keeps working on its numpy engine.</source>
        <translation>安装 numba 失败：{err}。DO-LDO 继续使用 numpy 引擎运行。</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="78"/>
        <source>DO-LDO runs on its slower numpy engine: no numba fits this QGIS.</source>
        <translation>DO-LDO 以较慢的 numpy 引擎运行：没有与本 QGIS 匹配的 numba。</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="78"/>
        <source>DO-LDO runs on its numpy engine (the same results, slower): {reason}.</source>
        <translation>DO-LDO 以 numpy 引擎运行（结果相同，速度较慢）：{reason}。</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="86"/>
        <source>the dependencies folder of this QGIS profile</source>
        <translation>本 QGIS 配置文件的依赖包文件夹</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="87"/>
        <source>numba is not installed: DO-LDO runs on its numpy engine, which gives the same results more slowly.

&apos;Install numba&apos; installs {numba} (with {llvmlite}) into {folder} with pip, in the background (about 40 MB to download). numpy {numpy_v}, the one QGIS runs on, stays as it is. Restart QGIS after the install to use numba.</source>
        <translation>未安装 numba：DO-LDO 以 numpy 引擎运行，结果相同，但速度较慢。

“安装 numba”会用 pip 在后台把 {numba}（及 {llvmlite}）安装到 {folder}（需下载约 40 MB）。QGIS 所用的 numpy {numpy_v} 保持不变。安装后请重新启动 QGIS 以使用 numba。</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="93"/>
        <source>numba is not installed: DO-LDO runs slower.</source>
        <translation>未安装 numba：DO-LDO 运行较慢。</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="137"/>
        <source>Install numba</source>
        <translation>安装 numba</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="123"/>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="139"/>
        <source>Don&apos;t show again</source>
        <translation>不再显示</translation>
    </message>
    <message>
        <location filename="../gui/numba_notice.py" line="168"/>
        <source>Installing numba in the background (progress in the task manager).</source>
        <translation>正在后台安装 numba（进度见任务管理器）。</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="59"/>
        <source>numba notice not shown: {err}</source>
        <translation>未显示 numba 提示：{err}</translation>
    </message>
    <message>
        <location filename="../processing_provider/provider.py" line="28"/>
        <source>DO-LDO industrial agglomeration analysis (Huang, Zhuo &amp; Cao 2024)</source>
        <translation>DO-LDO 产业集聚分析（Huang, Zhuo &amp; Cao 2024）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="108"/>
        <source>{label} ({units})</source>
        <translation>{label}（{units}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>h_max is not stable: {a} from one half of the simulations and {b} from the other; use more simulations or look at the curve</source>
        <translation>h_max 不稳定：一半模拟得到 {a}，另一半得到 {b}；请增加模拟次数或查看曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>h_max is not stable: {h} from all the simulations but {a} and {b} from each half of them; use more simulations or look at the curve</source>
        <translation>h_max 不稳定：全部模拟得到 {h}，但两半模拟分别得到 {a} 和 {b}；请增加模拟次数或查看曲线</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>h_max is the last distance ({h}): {reason}; extend the distance range</source>
        <translation>h_max 是最后一个距离（{h}）：{reason}；请扩大距离范围</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>industry {code}: {reason}</source>
        <translation>行业 {code}：{reason}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="31"/>
        <source>numba is not installed: DO-LDO runs on its numpy engine (the same results; large sets take several times longer). Install numba for the fastest runs: in QGIS, the &apos;Install numba&apos; button of the DO-LDO notice, or &apos;pip install numba&apos; for the Python that runs DO-LDO.</source>
        <translation>未安装 numba：DO-LDO 以 numpy 引擎运行（结果相同；大数据集耗时要长数倍）。要获得最快的运行速度，请安装 numba：在 QGIS 中点击 DO-LDO 提示栏的“安装 numba”按钮，或为运行 DO-LDO 的 Python 执行 'pip install numba'。</translation>
    </message>
    <message>
        <location filename="../algorithms/common/feedback.py" line="47"/>
        <source>numpy engine (numpy {version})</source>
        <translation>numpy 引擎（numpy {version}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/economy.py" line="264"/>
        <source>distances measured</source>
        <translation>距离度量方式</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="228"/>
        <source>metres</source>
        <translation>米</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="253"/>
        <source>Distances are in the units of {crs} (a local CRS, not placed on the Earth): {units}</source>
        <translation>距离采用 {crs}（局部坐标系，即工程坐标系，未定位到地球上）的单位：{units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="302"/>
        <source>{label} is in {crs}, a local CRS not placed on the Earth</source>
        <translation>{label} 使用 {crs}，这是未定位到地球上的局部坐标系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="305"/>
        <source>{label} has the CRS &apos;{description}&apos; (a file written without a CRS)</source>
        <translation>{label} 的坐标参考系是“{description}”（写入时未指定坐标参考系的文件）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="307"/>
        <source>{label} has a CRS without a known distance unit ({description})</source>
        <translation>{label} 的坐标参考系没有已知的距离单位（{description}）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="308"/>
        <source>user-defined</source>
        <translation>用户自定义</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="310"/>
        <source>Distances on the Earth (geodesic, WGS 84) need longitudes and latitudes, but {what}: its points cannot be placed on the Earth. Choose planar &apos;Distances&apos; (measured in the layer&apos;s own units), or set the layer&apos;s real CRS (Source, Assigned CRS in the layer properties) and run again</source>
        <translation>地球上的测地线距离（WGS 84）需要经纬度，但{what}：其点无法定位到地球上。请在“距离计算方式”中选择平面距离（以图层自身的单位度量），或在图层属性（源，指定的坐标参考系）中设置图层真实的坐标参考系后再运行</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="323"/>
        <source>Distances: on the Earth (geodesic, WGS 84), in {units}; {label} is in {crs} (longitude, latitude): no reprojection, no UTM zone</source>
        <translation>距离：地球上的测地线距离（WGS 84），单位为{units}；{label} 使用 {crs}（经度、纬度）：不重投影，不使用 UTM 分带</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="328"/>
        <source>Distances: on the Earth (geodesic, WGS 84), in {units}; {label} is transformed from {crs} to WGS 84 longitude, latitude (EPSG:4326); outputs are written in the layer&apos;s CRS</source>
        <translation>距离：地球上的测地线距离（WGS 84），单位为{units}；{label} 从 {crs} 转换为 WGS 84 经度、纬度（EPSG:4326）；输出采用图层的坐标参考系写出</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="334"/>
        <source>Distances: on the Earth (geodesic, WGS 84), in {units}, as chosen: {label} is in the projected CRS {crs}, its points are transformed to WGS 84 longitude, latitude (EPSG:4326) and measured on the Earth, not in the projection; outputs are written in the layer&apos;s CRS</source>
        <translation>距离：按所选，地球上的测地线距离（WGS 84），单位为{units}：{label} 使用投影坐标系 {crs}，其点被转换为 WGS 84 经度、纬度（EPSG:4326），在地球上而非在投影平面上度量；输出采用图层的坐标参考系写出</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="392"/>
        <source> ({d_min}-{d_max} km by {step} km)</source>
        <translation>（{d_min}–{d_max} km，步长 {step} km）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="399"/>
        <source>on the Earth (geodesic, WGS 84), {units}</source>
        <translation>地球上的测地线距离（WGS 84），{units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="400"/>
        <source>planar, in {crs}, {units}</source>
        <translation>平面距离，采用 {crs}，{units}</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="624"/>
        <source>Distances: planar, as chosen (the layer is geographic: it is reprojected to a UTM zone)</source>
        <translation>距离：按所选，平面距离（图层为地理坐标系：重投影到 UTM 分带）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="624"/>
        <source>Distances: planar, as chosen</source>
        <translation>距离：按所选，平面距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="629"/>
        <source>Distances: automatic, {label} is geographic: on the Earth (geodesic, WGS 84)</source>
        <translation>距离：自动，{label} 为地理坐标系：地球上的测地线距离（WGS 84）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/firms.py" line="632"/>
        <source>Distances: automatic, {label} is not geographic: planar</source>
        <translation>距离：自动，{label} 不是地理坐标系：平面距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="8"/>
        <source>&lt;p&gt;&lt;b&gt;Distances.&lt;/b&gt; &lt;i&gt;Automatic&lt;/i&gt; (the default) measures on the Earth for a layer in a geographic CRS (longitude, latitude) and in the plane otherwise; &lt;i&gt;On the Earth (geodesic, WGS 84)&lt;/i&gt; measures the distance on the WGS 84 ellipsoid between the firms' longitudes and latitudes, in metres, whatever the size of the area (a whole country, across the 180° meridian, near a pole): within 1e-7 of PROJ's geodesic up to 100 km and 1e-5 at 1,000 km. Every distance parameter is then in metres. A projected layer can be measured on the Earth too (its points are transformed to WGS 84). Cluster rectangles, boundaries and centres of such a run are made in a local azimuthal equidistant projection centred on each cluster and written in the layer's own CRS; their areas are in m². The fft &lt;b&gt;Method&lt;/b&gt; is planar only (auto is exact on the Earth). A layer without a CRS, or in a local CRS not placed on the Earth, is always measured in the plane.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;距离。&lt;/b&gt;&lt;i&gt;自动&lt;/i&gt;（默认）：地理坐标系（经度、纬度）的图层按地球上的距离度量，其他图层按平面距离度量；&lt;i&gt;地球上的测地线距离（WGS 84）&lt;/i&gt;：在 WGS 84 椭球面上度量企业经纬度之间的测地线距离，单位为米，无论区域多大（整个国家、跨越 180° 经线、靠近极点）均适用：100 km 以内与 PROJ 测地线的相对误差在 1e-7 以内，1,000 km 处在 1e-5 以内。此时所有距离参数的单位都是米。投影坐标系的图层也可以在地球上度量（其点先转换为 WGS 84）。这种运行的集群外接矩形、边界和中心在以各集群为中心的局部方位等距投影中生成，并以图层自身的坐标参考系写出；其面积单位为 m²。fft &lt;b&gt;计算方法&lt;/b&gt;只适用于平面距离（auto 在地球上按精确方法计算）。没有坐标参考系的图层，或使用未定位到地球上的局部坐标系（工程坐标系）的图层，总是按平面距离度量。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="8"/>
        <source>&lt;p&gt;&lt;b&gt;Units.&lt;/b&gt; Planar distances are Euclidean, in the units of the layer&apos;s projected CRS (normally metres); every distance parameter is in these &lt;i&gt;layer units&lt;/i&gt;, and the log and the report name the unit. A layer in a geographic CRS (degrees) measured in the plane is reprojected to the WGS 84 / UTM zone of its centre first (the log says so, with the distortion at its edges; areas wider than the zone allows are refused); the &lt;b&gt;Background&lt;/b&gt; layer is reprojected to the CRS of the firms&apos; layer when they differ. A layer without a CRS, with a GeoPackage&apos;s &apos;Undefined geographic SRS&apos; or &apos;Undefined Cartesian SRS&apos; (a file written without a CRS) or with a user-defined CRS without a known unit is measured as it is, in layer units, never as degrees (the log warns). Planar outputs are written in that CRS.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;单位。&lt;/b&gt;平面距离为欧氏距离，采用图层投影坐标系的单位（通常为米）；所有距离参数都以这种&lt;i&gt;图层单位&lt;/i&gt;表示，日志和报告会注明单位。按平面距离度量的地理坐标系（度）图层会先重投影到其中心所在的 WGS 84 / UTM 分带（日志会说明，并给出其边缘处的变形；超出分带允许范围的区域会被拒绝）；&lt;b&gt;背景企业&lt;/b&gt;图层与企业图层的坐标系不同时，会重投影到企业图层的坐标系。没有坐标系的图层、GeoPackage 中为“Undefined geographic SRS”或“Undefined Cartesian SRS”的图层（写入时未指定坐标系的文件），以及没有已知单位的用户自定义坐标系的图层，按原样以图层单位度量，绝不当作度（日志会警告）。平面距离的输出采用该坐标系写出。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../algorithms/common/help.py" line="99"/>
        <source>
&lt;p&gt;The &lt;b&gt;LDO index&lt;/b&gt; (local DO) of every firm i of the industry A:&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Eq. 6&lt;/b&gt;: LDO&lt;sub&gt;i&lt;/sub&gt;(d̂, ĥ) = 1/(ĥ N&lt;sub&gt;A&lt;/sub&gt;) Σ&lt;sub&gt;j≠i&lt;/sub&gt;
exp(−((d̂ − d&lt;sub&gt;ij&lt;/sub&gt;)/ĥ)²)&lt;/p&gt;
&lt;p&gt;with the &lt;b&gt;Peak distance d̂&lt;/b&gt; (0: the firm's own neighbourhood; another
value looks for firms at that distance) and the bandwidth ĥ:
&lt;b&gt;global&lt;/b&gt; scale ĥ = &lt;b&gt;Boundary distance ĥ&lt;/b&gt;, normally the h_max of
&lt;i&gt;DO curve and localization index&lt;/i&gt;; &lt;b&gt;local&lt;/b&gt; scale: every firm its own
h&lt;sub&gt;i&lt;/sub&gt; = 0.9 N&lt;sub&gt;A&lt;/sub&gt;&lt;sup&gt;−1/5&lt;/sup&gt; min(std&lt;sub&gt;i&lt;/sub&gt;,
Q1&lt;sub&gt;i&lt;/sub&gt;/1.34) over its distances to the other firms (Eq. 2,
Silverman's rule, on that firm's distances). With a &lt;b&gt;Weight field&lt;/b&gt;
(e.g. employees) the pairs count w&lt;sub&gt;i&lt;/sub&gt;w&lt;sub&gt;j&lt;/sub&gt; (&lt;b&gt;Weight
mode&lt;/b&gt; product, Eq. 12) or w&lt;sub&gt;i&lt;/sub&gt;+w&lt;sub&gt;j&lt;/sub&gt; (sum, Eq. 13).&lt;/p&gt;
&lt;p&gt;ĥ and d̂ are distances in the layer units (e.g. metres: a typical ĥ for
firms in a city region is a few km), in metres for distances on the Earth. Outputs: &lt;code&gt;ldo&lt;/code&gt; (units
1/length) and &lt;code&gt;h&lt;/code&gt; (the bandwidth used).&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;行业 A 中每家企业 i 的&lt;b&gt;局部DO指数&lt;/b&gt;（LDO）：&lt;/p&gt;
&lt;p&gt;&lt;b&gt;公式 6&lt;/b&gt;：LDO&lt;sub&gt;i&lt;/sub&gt;(d̂, ĥ) = 1/(ĥ N&lt;sub&gt;A&lt;/sub&gt;) Σ&lt;sub&gt;j≠i&lt;/sub&gt;
exp(−((d̂ − d&lt;sub&gt;ij&lt;/sub&gt;)/ĥ)²)&lt;/p&gt;
&lt;p&gt;其中&lt;b&gt;峰值距离 d̂&lt;/b&gt;（0：企业自身的邻域；其他值则寻找在该距离上有企业的企业），带宽 ĥ：
&lt;b&gt;全局&lt;/b&gt;尺度 ĥ = &lt;b&gt;边界距离 ĥ&lt;/b&gt;，通常取
&lt;i&gt;DO曲线与集聚指数&lt;/i&gt;得到的 h_max；&lt;b&gt;局部&lt;/b&gt;尺度：每家企业有自己的
h&lt;sub&gt;i&lt;/sub&gt; = 0.9 N&lt;sub&gt;A&lt;/sub&gt;&lt;sup&gt;−1/5&lt;/sup&gt; min(std&lt;sub&gt;i&lt;/sub&gt;,
Q1&lt;sub&gt;i&lt;/sub&gt;/1.34)，按其到其他企业的距离计算（公式 2，
Silverman 法则，作用于该企业的距离）。给出&lt;b&gt;权重字段&lt;/b&gt;
（如从业人数）时，企业对按 w&lt;sub&gt;i&lt;/sub&gt;w&lt;sub&gt;j&lt;/sub&gt;（&lt;b&gt;权重方式&lt;/b&gt; product，公式 12）或 w&lt;sub&gt;i&lt;/sub&gt;+w&lt;sub&gt;j&lt;/sub&gt;（sum，公式 13）计权。&lt;/p&gt;
&lt;p&gt;ĥ 和 d̂ 都是以图层单位表示的距离（如米：城市区域内企业的典型 ĥ 为几公里），地球上的测地线距离则以米表示。输出：&lt;code&gt;ldo&lt;/code&gt;（单位为
1/长度）和 &lt;code&gt;h&lt;/code&gt;（所用的带宽）。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="25"/>
        <source>layer units, e.g. metres; metres for distances on the Earth</source>
        <translation>图层单位，如米；地球上的测地线距离为米</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="29"/>
        <source>Distances</source>
        <translation>距离计算方式</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="31"/>
        <source>Automatic: on the Earth for a geographic layer, planar otherwise</source>
        <translation>自动：地理坐标系图层按地球上的测地线距离，其他图层按平面距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="33"/>
        <source>Planar, in the layer&apos;s projected CRS</source>
        <translation>平面距离，采用图层的投影坐标系</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="34"/>
        <source>On the Earth (geodesic, WGS 84)</source>
        <translation>地球上的测地线距离（WGS 84）</translation>
    </message>
    <message>
        <location filename="../algorithms/common/parameters.py" line="91"/>
        <source>The &apos;Method&apos; fft counts the firms on a planar raster: it cannot measure distances on the Earth. Choose the exact or auto &apos;Method&apos; (auto is exact on the Earth), or planar &apos;Distances&apos;</source>
        <translation>“计算方法”fft 在平面栅格上计数企业：无法度量地球上的距离。请选择 exact 或 auto “计算方法”（auto 在地球上按精确方法计算），或在“距离计算方式”中选择平面距离</translation>
    </message>
    <message>
        <location filename="../algorithms/common/report.py" line="238"/>
        <source>longitude, latitude (degrees)</source>
        <translation>经度、纬度（度）</translation>
    </message>
    <message>
        <location filename="../algorithms/crests.py" line="314"/>
        <source>{n} industry firms; distances {distances}; curve {source}; h_max = {h_max}; ĥ = {h:g}; reference clusters: {scale} ({clusters} clusters).</source>
        <translation>{n} 家行业企业；距离：{distances}；曲线{source}；h_max = {h_max}；ĥ = {h:g}；参照集群：{scale}（{clusters} 个集群）。</translation>
    </message>
    <message>
        <location filename="../algorithms/evolution.py" line="549"/>
        <source>Distances {distances}. For every year the firms established in or before it (surviving firms). Every year uses the same distances and seed.</source>
        <translation>距离：{distances}。每个年份取该年及以前成立的企业（存续企业）。所有年份使用相同的距离和随机种子。</translation>
    </message>
    <message>
        <location filename="../algorithms/framework.py" line="155"/>
        <source>{n} industry firms against {n_bg} background firms; distances {distances}.</source>
        <translation>{n} 家行业企业，{n_bg} 家背景企业；距离：{distances}。</translation>
    </message>
    <message>
        <location filename="../algorithms/industryclusters.py" line="218"/>
        <source>{n_industries} industries with clusters computed, {n_local} clusters at the local scale; distances {distances}.</source>
        <translation>计算了 {n_industries} 个行业的集群，局部尺度上共 {n_local} 个集群；距离：{distances}。</translation>
    </message>
    <message>
        <location filename="../algorithms/regions.py" line="126"/>
        <source>INPUT is in the geographic CRS {crs}: firms and regions are matched in it (no distance is measured, so no UTM zone)</source>
        <translation>INPUT 使用地理坐标系 {crs}：企业与地区在该坐标系中匹配（不度量距离，因此不使用 UTM 分带）</translation>
    </message>
    <message>
        <location filename="../algorithms/synthetic.py" line="12"/>
        <source>
&lt;p&gt;The synthetic datasets of the paper (section 3.1.1), on a 50 × 50 square
in a local Cartesian CRS in metres, not placed on the Earth (an engineering
CRS: QGIS does not take the coordinates for degrees, and distances are always
planar on it):&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;1&lt;/b&gt;: cluster I of diameter 10 holds 100 core firms of industry A;
the ring 5–15 around its centre holds 100 sparse A firms and 200 firms of
another industry M. Expected: h_max ≈ 11 (8–11 across draws).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;2&lt;/b&gt;: clusters I and II of diameter 6 with 50 core A firms each,
centres 20 apart; the ring 8–9 around cluster I holds 50 sparse A firms; 500
M firms uniform over the square. Expected: h_max = 6.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;&lt;i&gt;Synthetic firms&lt;/i&gt;: all firms with &lt;code&gt;industry&lt;/code&gt; ('A' or 'M') and
&lt;code&gt;truth&lt;/code&gt; ('core', 'sparse', or '' for M). Use the A firms (filter
&lt;code&gt;&quot;industry&quot; = 'A'&lt;/code&gt;) as the &lt;b&gt;Industry firms&lt;/b&gt; and all firms as
the &lt;b&gt;Background&lt;/b&gt;; compare results with &lt;i&gt;Evaluate core-firm
detection&lt;/i&gt;. The same &lt;b&gt;Random seed&lt;/b&gt; gives the same points.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;3&lt;/b&gt;: a &lt;b&gt;province&lt;/b&gt; to show clusters in place names (WGS 84 / UTM
49N, about 480 × 330 km): 21 cities whose &lt;b&gt;Regions&lt;/b&gt; are the Voronoi cells of
their centres clipped to the outline (region, name, group: a &lt;i&gt;core&lt;/i&gt; of
9 delta cities, 1–9, and a &lt;i&gt;periphery&lt;/i&gt; of 12), and 200,000 firms of 30
industries I01–I30, denser in the core. Planted: I01–I06 clustered in one
city each (I01 in 1, I02 in 3, I03 in 14, I04 in 17, I05 in 5, I06 in 19),
I07–I10 in two cities (2 and 12, 4 and 16, 10 and 21, 6 and 8), I11–I13
along a corridor between two cities (1–17, 7–11, 9–18); I14–I26 spread like
the economy, I27–I30 over the whole province. The &lt;b&gt;Synthetic firms&lt;/b&gt;' &lt;code&gt;truth&lt;/code&gt; is
the planted kind (city, two cities, corridor, or ''), &lt;code&gt;city&lt;/code&gt; the
city a firm was drawn around (0 = rural). Run &lt;i&gt;Clusters of every
industry&lt;/i&gt; on it, then &lt;i&gt;Agglomeration by region&lt;/i&gt; with these &lt;b&gt;Regions&lt;/b&gt;.&lt;/p&gt;
</source>
        <translation>
&lt;p&gt;论文中的合成数据集（第 3.1.1 节），位于 50 × 50 的正方形内，
采用以米为单位、未定位到地球上的局部笛卡尔坐标系（工程坐标系：QGIS 不会把这些坐标当作度，
在该坐标系上距离总是按平面计算）：&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;1&lt;/b&gt;：直径 10 的集群 I 包含行业 A 的 100 家核心企业；
其中心周围 5–15 的环内有 100 家稀疏的 A 企业和另一行业 M 的 200 家企业。预期：h_max ≈ 11（不同抽样在 8–11 之间）。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;2&lt;/b&gt;：直径 6 的集群 I 和 II，各有 50 家 A 核心企业，中心相距 20；集群 I 周围 8–9 的环内有 50 家稀疏的 A 企业；500 家
M 企业均匀分布在正方形内。预期：h_max = 6。&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;&lt;i&gt;合成企业&lt;/i&gt;：全部企业，带 &lt;code&gt;industry&lt;/code&gt;（'A' 或 'M'）和
&lt;code&gt;truth&lt;/code&gt;（'core'、'sparse'，M 为 ''）字段。把 A 企业（筛选
&lt;code&gt;&quot;industry&quot; = 'A'&lt;/code&gt;）作为&lt;b&gt;行业企业&lt;/b&gt;，全部企业作为&lt;b&gt;背景企业&lt;/b&gt;；用&lt;i&gt;评估核心企业识别&lt;/i&gt;比较结果。相同的&lt;b&gt;随机种子&lt;/b&gt;给出相同的点。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;3&lt;/b&gt;：一个&lt;b&gt;模拟省份&lt;/b&gt;，用地名展示集群（WGS 84 / UTM
49N，约 480 × 330 km）：21 个城市，其&lt;b&gt;地区&lt;/b&gt;是各城市中心的泰森多边形经轮廓裁剪而成（region、name、group：由 9 个三角洲城市 1–9 组成的&lt;i&gt;核心&lt;/i&gt;和 12 个城市组成的&lt;i&gt;外围&lt;/i&gt;），以及 30 个行业 I01–I30 的 200,000 家企业，核心区更密集。预设：I01–I06 各集中在一个城市（I01 在 1，I02 在 3，I03 在 14，I04 在 17，I05 在 5，I06 在 19），
I07–I10 集中在两个城市（2 和 12，4 和 16，10 和 21，6 和 8），I11–I13
沿两个城市之间的走廊分布（1–17，7–11，9–18）；I14–I26 与整体经济同样分布，I27–I30 遍布全省。&lt;b&gt;合成企业&lt;/b&gt;的 &lt;code&gt;truth&lt;/code&gt; 是预设类型（city、two cities、corridor 或 ''），&lt;code&gt;city&lt;/code&gt; 是企业围绕其抽取的城市（0 = 农村）。先对其运行&lt;i&gt;所有行业的集群&lt;/i&gt;，再用这些&lt;b&gt;地区&lt;/b&gt;运行&lt;i&gt;分地区集聚&lt;/i&gt;。&lt;/p&gt;
</translation>
    </message>
</context>
</TS>

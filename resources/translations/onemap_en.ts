<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../onemap/gui/actions.py" line="+82"/>
        <source>打开清单…</source>
        <extracomment>the map&apos;s click modes (measuring, adding, moving): at most one is on</extracomment>
        <translation>Open inventory…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打开一个 .gpkg 清单文件</source>
        <translation>Open a .gpkg inventory file</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导出地图图片…</source>
        <translation>Export map image…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把当前地图保存为 PNG 图片</source>
        <translation>Save the current map as a PNG image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全图</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>显示整个县（Home 键）</source>
        <translation>Show the whole county (Home key)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缩放到选中</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把选中的小区放到视图中央</source>
        <translation>Bring the selected estates to the middle of the view</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消选择</source>
        <translation>Clear selection</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>测量距离</source>
        <translation>Measure distance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>依次点击各点，双击结束；椭球面（大地线）距离</source>
        <translation>Click each point in turn, double-click to finish; ellipsoidal (geodesic) distance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>测量面积</source>
        <translation>Measure area</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>依次点击多边形各顶点，双击结束；椭球面面积</source>
        <translation>Click each vertex of the polygon in turn, double-click to finish; ellipsoidal area</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择离线底图（MBTiles）…</source>
        <translation>Choose an offline basemap (MBTiles)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由清单生成底图</source>
        <translation>Build a basemap from the inventory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不显示底图</source>
        <translation>No basemap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态栏显示高斯-克吕格坐标</source>
        <translation>Gauss-Kruger coordinates in the status bar</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/main_window.py" line="+596"/>
        <source>关于 OneMap</source>
        <translation>About OneMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近打开</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工具</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>小区点的着色方式</source>
        <translation>How estate points are coloured</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>搜索名称、编码、地址或拼音首字母（如 gy）</source>
        <translation>Search name, code, address or pinyin initials (e.g. gy)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/app.py" line="+144"/>
        <source>设置已重置</source>
        <extracomment>how long the opening thread holds back reading the columns the first frame does not draw, until someone asks for them (the docks do, right after the first frame)</extracomment>
        <translation>Settings reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置文件已损坏，已恢复默认设置。原文件另存为：{path}</source>
        <translation>The settings file was damaged; the defaults have been restored. The old file was kept as: {path}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/basemaps.py" line="+46"/>
        <source>在线底图</source>
        <translation>Online basemaps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>天地图 矢量（含注记）</source>
        <translation>Tianditu vector (with labels)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>天地图 影像（含注记）</source>
        <translation>Tianditu imagery (with labels)</translation>
    </message>
    <message>
        <source>自定义瓦片地址</source>
        <translation type="vanished">Custom tile URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预下载当前视图（仅自有底图）</source>
        <translation>Pre-download this view (own basemaps only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在线底图设置…</source>
        <translation>Online basemap settings…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>无法使用在线底图</source>
        <translation>Cannot use the online basemap</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在线底图未开启：只显示已缓存的瓦片（地图 ▸ 在线底图 ▸ 在线底图设置）</source>
        <translation>Online basemaps are off: only cached tiles are shown (Map ▸ Online basemaps ▸ Online basemap settings)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>密钥未保存</source>
        <translation>Key not kept</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/dialogs/web_source_dialog.py" line="+116"/>
        <source>本机没有可用的系统钥匙串，密钥未保存，也没有写入任何文件。</source>
        <translation>There is no usable OS keyring here: the key was not kept, and nothing was written to any file.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+3"/>
        <source>无法预下载</source>
        <translation>Cannot pre-download</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>请先显示一个在线底图。</source>
        <translation>Show an online basemap first.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已预下载 {count} 个瓦片到本机缓存</source>
        <translation>{count} tiles pre-downloaded into the local cache</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择离线底图</source>
        <translation>Choose an offline basemap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MBTiles 底图 (*.mbtiles);;所有文件 (*)</source>
        <translation>MBTiles basemaps (*.mbtiles);;All files (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>无法打开底图</source>
        <translation>Cannot open the basemap</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>底图生成失败：{message}</source>
        <translation>The basemap could not be built: {message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已由清单生成离线底图</source>
        <translation>Offline basemap built from the inventory</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/canvas/overlay.py" line="+108"/>
        <source>北</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+14"/>
        <source>按改造状态</source>
        <translation>By status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按改造年度</source>
        <translation>By renewal year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按改造类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>颜色为最高改造档次（基础→完善→提升），菱形表示含安全类</source>
        <translation>Colour is the highest renovation tier (basic → improvement → enhancement); a diamond means safety works too</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按评分</source>
        <translation>By score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分为默认权重下各项之和（满分 100）；灰色三角为不符合改造条件</source>
        <translation>The score is the sum of its criteria under the default weights (out of 100); a grey triangle is not eligible</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>底图</source>
        <extracomment>onemap.view.state.LAYERS values</extracomment>
        <translation>Basemap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区划</source>
        <translation>Administrative areas</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alerts.py" line="+52"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+8"/>
        <source>告警</source>
        <extracomment>the status filter&apos;s extra choice: every status still being handled</extracomment>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/legend.py" line="+40"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="-7"/>
        <source>小区范围</source>
        <translation>Estate outlines</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/survey_form.py" line="+62"/>
        <source>城市体检调查：{name}（{code}）</source>
        <extracomment>keeps one finding and its photo&apos;s bytes (None: no photo)</extracomment>
        <translation>City check-up survey: {name} ({code})</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+88"/>
        <source>全小区</source>
        <translation>Whole estate</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>未填</source>
        <translation>Not filled</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <location filename="../../onemap/gui/docks/legend.py" line="+2"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+1"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>调查日期</source>
        <translation>Surveyed on</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>选择照片…</source>
        <translation>Choose photo…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>数值（缺口、千米）</source>
        <translation>Value (gap, km)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>照片无法存入</source>
        <translation>Photo not kept</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+22"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调查人</source>
        <translation>Surveyor</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>（不选）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Pictures (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+1"/>
        <source>小区点位</source>
        <translation>Estate points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称标注</source>
        <translation>Name labels</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/details_watch.py" line="+36"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+1"/>
        <source>传感器</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>近30天无告警</source>
        <translation>No alerts in the last 30 days</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+2"/>
        <source>选中</source>
        <translation>Selection</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/details.py" line="+79"/>
        <source>小区详情</source>
        <translation>Estate details</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>（光标处共 {n} 个小区，选择查看）</source>
        <translation>({n} estates under the cursor; choose one to view)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>复制电话号码</source>
        <translation>Copy phone number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>电话已隐藏中间四位，不能复制（可在设置中关闭）</source>
        <translation>Phone number masked, so it cannot be copied (masking can be turned off in Settings)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制{role}的电话</source>
        <translation>Copy the phone of {role}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已复制电话号码 {phone}</source>
        <translation>Copied phone number {phone}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>无修改记录</source>
        <translation>No changes recorded</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/filters.py" line="+31"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+21"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+95"/>
        <location filename="../../onemap/gui/docks/table.py" line="+101"/>
        <source>{shown} / {total} 个小区</source>
        <translation>{shown} / {total} estates</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/layers.py" line="+19"/>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/legend.py" line="-4"/>
        <source>聚合（环为各类占比，数字为小区数）</source>
        <translation>Clusters (ring: share of each class; number: estates)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>行政区界线</source>
        <translation>Administrative boundaries</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选中的小区</source>
        <translation>Selected estates</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>缩小时，相邻的小区合并为一个圆环：环上各段为各类别所占比例，中间数字为小区数；点击放大</source>
        <translation>Zoomed out, neighbouring estates merge into a ring: each segment is the share of a class, the number in the middle counts the estates; click to zoom in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>小区范围面（红线），按所属类别着色</source>
        <translation>Estate outlines (red line), coloured by their class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋基底</source>
        <translation>Building footprints</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县、镇（街道）界线</source>
        <translation>County and township boundaries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在地图或表格中选中的小区</source>
        <translation>Estates selected on the map or in the table</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+15"/>
        <source>图例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>着色：{title}</source>
        <translation>Colouring: {title}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/table.py" line="-80"/>
        <source>属性表</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/table_model.py" line="+61"/>
        <source>编码</source>
        <extracomment>(header, text of one cell, sort key array)</extracomment>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/score_dialog.py" line="+43"/>
        <source>评分排序（权重 {version}）</source>
        <extracomment>rows shown (the score sheet and ``onemap score`` hold them all)</extracomment>
        <translation>Scores and ranking (weights {version})</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../onemap/gui/docks/table_model.py" line="+1"/>
        <source>小区名称</source>
        <translation>Estate name</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="+126"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>变化</source>
        <translation>Move</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>小区编码</source>
        <translation>Estate code</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="-1"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="-2"/>
        <source>符合条件</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>与打开时相比，{n} 个小区名次变化</source>
        <translation>{n} estates moved since opening</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/table_model.py" line="+1"/>
        <source>镇（街道）</source>
        <translation>Township</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改造状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>改造年度</source>
        <translation>Renewal year</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>改造类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋数</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>总投资（万元）</source>
        <translation>Investment (10k yuan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="-1"/>
        <source>摄像头</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/editing/session.py" line="+120"/>
        <source>编辑小区…</source>
        <extracomment>seconds an edit waits for another program holding the file before it is refused</extracomment>
        <translation>Edit estate…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在表单中修改当前小区的各项信息</source>
        <translation>Change the current estate&apos;s details in a form</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+198"/>
        <source>删除小区</source>
        <translation>Delete estate</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>删除当前小区（可撤销）</source>
        <translation>Delete the current estate (can be undone)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新建小区</source>
        <translation>New estate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在地图上点击新小区的位置，再填写表单</source>
        <translation>Click the new estate&apos;s location on the map, then fill in the form</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>移动小区</source>
        <translation>Move estate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按住小区点拖到新位置后松开（可撤销）</source>
        <translation>Drag an estate point to its new place and let go (can be undone)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>改范围面</source>
        <translation>Reshape outline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>拖动所选小区范围面的顶点改变其形状（可撤销）</source>
        <translation>Drag a vertex of the selected estate&apos;s outline to change its shape (undoable)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>只读：{reason}</source>
        <translation>Read-only: {reason}</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>清单以只读方式打开，不能编辑：{reason}</source>
        <translation>The inventory is open read-only and cannot be edited: {reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../onemap/gui/server/control.py" line="+244"/>
        <location filename="../../onemap/gui/server/edit.py" line="+104"/>
        <source>无法编辑</source>
        <translation>Cannot edit</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>删除小区“{name}”（{code}）及其范围面、楼栋、联系人、摄像头、资金和改造内容？
可以用“撤销”恢复。</source>
        <translation>Delete the estate “{name}” ({code}) with its outline, buildings, contacts, cameras, funding and renovation items?
“Undo” brings it back.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法删除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法移动</source>
        <translation>Cannot move</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>无法修改范围面</source>
        <translation>Cannot reshape the outline</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>在地图上点击新小区的位置（Esc 取消）</source>
        <translation>Click the new estate&apos;s location on the map (Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/errors.py" line="+85"/>
        <source>OneMap 遇到了一个意外错误，刚才的操作没有完成，程序可以继续使用。

错误：{error}
位置：{where}

详细信息已写入日志：{log}</source>
        <translation>OneMap ran into an unexpected error. The last action did not finish; you can go on using the program.

Error: {error}
Where: {where}

The details are in the log: {log}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file} 第 {line} 行（{function}）</source>
        <translation>{file}, line {line} ({function})</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/editing/estate_drag.py" line="+123"/>
        <source>移动到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）</source>
        <extracomment>a release closer than this to the press is a click, not a move</extracomment>
        <translation>Move to {lon:.6f}, {lat:.6f} (release the mouse to drop, Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="-511"/>
        <location line="+1"/>
        <location line="+326"/>
        <location line="+199"/>
        <source>OneMap 一张图</source>
        <extracomment>a view tab&apos;s source title, kept on its widget pinyin is indexed in the background this long after opening (not to slow the first paint) a window opened on an inventory fills its docks after the map&apos;s first frame, or after this long</extracomment>
        <translation>OneMap</translation>
    </message>
    <message>
        <location line="-517"/>
        <source>二维地图</source>
        <translation>2D map</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>打开清单</source>
        <translation>Open inventory</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/server/checkin_dialog.py" line="+164"/>
        <source>OneMap 清单 (*.gpkg);;所有文件 (*)</source>
        <translation>OneMap inventories (*.gpkg);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/app.py" line="+3"/>
        <location filename="../../onemap/gui/main_window.py" line="+14"/>
        <source>无法打开清单</source>
        <translation>Cannot open the inventory</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="+40"/>
        <source>已打开 {name}</source>
        <translation>Opened {name}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>无法重新读取清单</source>
        <translation>Cannot read the inventory again</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{title} - OneMap 一张图</source>
        <translation>{title} - OneMap</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/refstyle_editor.py" line="+46"/>
        <source>参考图层样式：{name}</source>
        <translation>Reference layer style: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>线条颜色</source>
        <translation>Line colour</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>填充颜色</source>
        <translation>Fill colour</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+39"/>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>线宽（像素）</source>
        <translation>Line width (pixels)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../onemap/gui/main_window.py" line="+44"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>标注字段</source>
        <translation>Label field</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>选择颜色</source>
        <translation>Choose a colour</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="+3"/>
        <source>清空列表</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>没有选中已定位的小区</source>
        <translation>No located estate is selected</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>导出地图图片</source>
        <translation>Export map image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已导出 {path}</source>
        <translation>Exported {path}</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>无法写入 {path}。</source>
        <translation type="vanished">Cannot write {path}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>OneMap 一张图 {version}
老旧小区改造清单的桌面地图。</source>
        <translation>OneMap {version}
A desktop map of the old residential estate renovation inventory.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/map_controller.py" line="+157"/>
        <source>{name}
状态：{status}</source>
        <extracomment>the live watch&apos;s marks answer first when one is under the cursor (a tip, or &apos;&apos;)</extracomment>
        <translation>{name}
Status: {status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
此处还有 {n} 个小区</source>
        <translation>
{n} more estates here</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/menus.py" line="+84"/>
        <source>导入台账…</source>
        <translation>Import ledger…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把 Excel/CSV/GeoJSON 台账导入当前清单</source>
        <translation>Import an Excel/CSV/GeoJSON ledger into the open inventory</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按当前筛选导出 GeoPackage、GeoJSON、CSV、Excel 或 KML</source>
        <translation>Export the current filter to GeoPackage, GeoJSON, CSV, Excel or KML</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印简报…</source>
        <translation>Print brief…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>为选中的小区（或当前筛选）生成 PDF 简报</source>
        <translation>Make a PDF brief of the selected estates (or the current filter)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>底图、播放器、署名、语言、坐标显示、电话隐藏</source>
        <translation>Basemap, player, name, language, coordinates, phone masking</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>当前筛选含搜索词等无法作为导出条件的部分，导出按其余条件。</source>
        <translation>The current filter has parts (such as a search text) an export cannot use; the export uses the other conditions.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="-498"/>
        <location filename="../../onemap/gui/scene3d/binding.py" line="+123"/>
        <source>三维场景</source>
        <translation>3D scene</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/snapshot_render.py" line="+198"/>
        <source>{county}老旧小区改造分布图</source>
        <translation>{county}: old residential estate renovation map</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · {name}（{code}）</source>
        <translation> · {name} ({code})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{how} · 显示 {shown} / 共 {total} 个小区 · {today}</source>
        <translation>{how} · showing {shown} of {total} estates · {today}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · 筛选：{what}</source>
        <translation> · filter: {what}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>图例 · {title}</source>
        <translation>Legend · {title}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/statusbar.py" line="+75"/>
        <source>经度 {lon:.6f}°  纬度 {lat:.6f}°（CGCS2000）</source>
        <translation>Lon {lon:.6f}°  Lat {lat:.6f}° (CGCS2000)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  X {x:,.1f} 米  Y {y:,.1f} 米（EPSG:{epsg}）</source>
        <translation>  X {x:,.1f} m  Y {y:,.1f} m (EPSG:{epsg})</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>显示 {shown} / 共 {total} 个小区</source>
        <translation>Showing {shown} of {total} estates</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>比例尺 {scale}</source>
        <translation>Scale {scale}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/basemap_builder.py" line="+284"/>
        <source>正在生成底图（{done}/{total}）</source>
        <extracomment>built-up areas: a disc this wide round every estate (the demo&apos;s estates sit ~380 m apart, so discs merge) county names baked into tiles up to this zoom: none now. Place names are vector labels drawn above the estates (onemap/gui/canvas/reflayers.py): in tiles they blurred when a tile was stretched between zooms, came out oversized and lay under the cluster rings. what the builder draws, kept as the MBTiles ``version``: a basemap made by an older builder (version 1 baked county names into its tiles) is rebuilt in the background when shown</extracomment>
        <translation>Building the basemap ({done}/{total})</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/editing/outline_edit.py" line="+129"/>
        <source>按住所选小区范围面的顶点拖到新位置后松开（Esc 取消）</source>
        <extracomment>a release closer than this to the press is a click, not a move how long the hint and a refusal stay in the status bar the estate whose handles are shown, its rings and their display coordinates the grabbed vertex: (ring index, vertex index), or None</extracomment>
        <translation>Press on a vertex of the selected estate&apos;s outline, drag it to its new place and release (Esc cancels)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>顶点移到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）</source>
        <extracomment>the outline as read when the handles were drawn: a reshape is refused if the file&apos;s changed since</extracomment>
        <translation>Vertex to {lon:.6f}, {lat:.6f} (release to drop, Esc cancels)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>范围面无效（边界自相交或洞在外面），未修改</source>
        <translation>Invalid outline (the boundary crosses itself or a hole lies outside it); not changed</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/details_watch.py" line="-6"/>
        <source>近30天告警</source>
        <translation>Alerts, last 30 days</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/tips.py" line="+25"/>
        <source>未检测</source>
        <translation>not checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在线</source>
        <translation>online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线</source>
        <translation>offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告警中</source>
        <translation>alerting</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正常</source>
        <translation>normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报警中</source>
        <translation>alarming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线或故障</source>
        <translation>offline or faulty</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{type} · {level} 级 · {status}</source>
        <translation>{type} · level {level} · {status}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>设备：{device}</source>
        <translation>Device: {device}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近：{time}（共 {count} 次）</source>
        <translation>Last: {time} ({count} events)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读数：{value:g} %LEL</source>
        <translation>Reading: {value:g} %LEL</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>摄像头：{name}</source>
        <translation>Camera: {name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未命名</source>
        <translation>unnamed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>国标编号：{gb_id}</source>
        <translation>GB/T 28181 ID: {gb_id}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>状态：{state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区编码：{code}</source>
        <translation>Estate code: {code}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/video/live.py" line="+34"/>
        <source>本小区视频墙</source>
        <translation>Estate video wall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情中小区的全部摄像头（子码流）</source>
        <translation>Every camera of the estate in the details (sub-streams)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全县视频墙</source>
        <translation>County video wall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全县摄像头，每页最多 16 路（子码流）</source>
        <translation>The county&apos;s cameras, up to 16 a page (sub-streams)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>这个摄像头没有视频地址，无法观看。</source>
        <translation>This camera has no video link to watch.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>没有可以观看的摄像头。</source>
        <translation>No camera to watch.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>视频墙 — {estate}</source>
        <translation>Video wall — {estate}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>视频墙 — 全县 {n} 路</source>
        <translation>Video wall — county, {n} cameras</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>演示测试流 · {name}</source>
        <translation>Demo test stream · {name}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alert_actions.py" line="+30"/>
        <source>派遣</source>
        <extracomment>button text -&gt; the status it moves to</extracomment>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处置</source>
        <translation>Handled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>误报</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>处置说明（办结、误报须填写）</source>
        <translation>Note (needed to close or call a false alarm)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>视频</source>
        <translation>Video</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+86"/>
        <source>请先在列表中选择一条告警。</source>
        <translation>Choose an alert in the list first.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>清单以只读方式打开</source>
        <translation>the inventory is open read-only</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法改变告警状态：{reason}</source>
        <translation>Cannot change the alert&apos;s status: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>告警已改为“{status}”。</source>
        <translation>The alert is now {status}.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>这条告警不是摄像头发出的，没有视频。</source>
        <translation>This alert did not come from a camera; there is no video.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alert_model.py" line="+27"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区</source>
        <translation>Estate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>今天</source>
        <extracomment>level (1 most severe … 4) -&gt; colour of its mark the same, dark enough for text on white and on the new-alert highlight time ranges of the filter: key -&gt; (label, how far back; None: since local midnight)</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24 小时</source>
        <translation>24 hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7 天</source>
        <translation>7 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 天</source>
        <translation>30 days</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>等级 {level}，设备 {device}</source>
        <extracomment>the most alerts listed at once (the oldest drop off the end) more changed alerts than this in one upsert are placed by one layout change, not row by row</extracomment>
        <translation>Level {level}, device {device}</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../../onemap/gui/watch/feed_state.py" line="+18"/>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alerts.py" line="+54"/>
        <source>全部类型</source>
        <extracomment>the alert last clicked: the buttons act on it even when arrivals move its row</extracomment>
        <translation>All types</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办结</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部乡镇</source>
        <translation>All townships</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{n} 条</source>
        <translation>{n} alerts</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>该小区没有坐标，无法在地图上定位。</source>
        <translation>This estate has no position; it cannot be shown on the map.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+36"/>
        <source>实时告警（消息代理）</source>
        <translation>Live alerts (message broker)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>留空则不连接代理（只看本文件中的告警）</source>
        <translation>Leave empty for no broker (only the alerts in this file)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>使用 TLS 加密（mqtts）</source>
        <translation>Use TLS (mqtts)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新告警时发出提示音</source>
        <translation>Beep on a new alert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代理地址</source>
        <translation>Broker host</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/connect_dialog.py" line="+32"/>
        <source>连接服务器</source>
        <translation>Connect to server</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>如 610725，多个用逗号分隔；留空打开全部</source>
        <translation>e.g. 610725; several separated by commas; blank opens all</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>留空则使用系统钥匙串或 .pgpass</source>
        <translation>Leave blank to use the OS keyring or .pgpass</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存密码到系统钥匙串</source>
        <translation>Save the password in the OS keyring</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+1"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+2"/>
        <source>用户名</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>区县代码</source>
        <translation>County code</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+15"/>
        <source>已保存密码，留空则保持不变。</source>
        <translation> A password is stored; leave empty to keep it.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未保存密码。</source>
        <translation> No password stored yet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码只保存在：{where}。</source>
        <translation>The password is kept only in {where}.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/feed_state.py" line="-1"/>
        <source>已连接</source>
        <translation>connected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未配置</source>
        <translation>not set up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重连中</source>
        <translation>reconnecting</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>实时告警：{state}</source>
        <translation>Live alerts: {state}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>演示数据（合成，非真实告警）</source>
        <translation>Demo data (synthetic, not real alerts)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在“设置”中填写消息代理即可接收实时告警</source>
        <translation>Set a message broker in Settings to receive live alerts</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/mode.py" line="+32"/>
        <source>演示模式（实时告警）</source>
        <translation>Demo mode (live alerts)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>播放合成的演示告警（演示数据），写入当前清单</source>
        <translation>Play synthetic demo alerts (demo data) into the open inventory</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>“{name}”不是演示清单。演示模式会把合成的告警（标为“演示数据”）写入这个文件。确定要继续吗？</source>
        <translation>“{name}” is not a demo inventory. Demo mode writes synthetic alerts (labelled demo data) into this file. Go on?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>演示模式</source>
        <translation>Demo mode</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>演示模式已开始：告警均为合成的演示数据。</source>
        <translation>Demo mode started: every alert is synthetic demo data.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>演示模式未能启动，详见日志。</source>
        <translation>Demo mode did not start; see the log.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/pictures.py" line="+25"/>
        <source>上一张</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一张</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（演示数据）</source>
        <translation> (demo data)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告警图片：{estate} {type}</source>
        <translation>Alert pictures: {estate} {type}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>这张图片无法显示（不是有效的 JPEG）。</source>
        <translation>This picture cannot be shown (not a valid JPEG).</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/actions.py" line="+28"/>
        <source>评分排序…</source>
        <translation>Scores and ranking…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按权重给小区评分、排序，改权重即时重排</source>
        <translation>Score and rank estates by weights; a changed weight re-ranks at once</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>城市体检调查…</source>
        <translation>City check-up survey…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为选中的小区逐栋记录体检问题</source>
        <translation>Record check-up problems of the selected estate, building by building</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>片区…</source>
        <translation>Renewal districts…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在地图上显示片区范围，调整选中小区所属片区</source>
        <translation>Show the renewal districts&apos; outlines on the map and move the selected estates between them</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导入体检调查表…</source>
        <translation>Import check-up survey sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 Excel 或 CSV 调查表导入体检问题（与 onemap checkup import 相同）</source>
        <translation>Import check-up findings from an Excel or CSV survey sheet (as onemap checkup import does)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请先在地图上选中一个小区（文件须可写）。</source>
        <translation>Select one estate on the map first (the file must be writable).</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="-64"/>
        <source>评分（权重 {version}）</source>
        <extracomment>the tables the score reads (estate columns, findings, consent, 片区, funding, buildings, facilities, points and outlines): a change to any estate&apos;s rows there may move every estate&apos;s rank</extracomment>
        <translation>Score (weights {version})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>小区较多，请用“工具 ▸ 评分排序…”查看评分。</source>
        <translation>Many estates: see the scores in Tools ▸ Scores and ranking….</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>第 {rank} 名（共 {n} 个）</source>
        <translation>No. {rank} of {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/online_basemap_dialog.py" line="+38"/>
        <source>在线底图设置</source>
        <translation>Online basemap settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>允许联网获取底图瓦片（关闭时 OneMap 不建立任何网络连接）</source>
        <translation>Fetch basemap tiles over the network (when off, OneMap opens no connection at all)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../onemap/gui/dialogs/web_source_dialog.py" line="-43"/>
        <source>已保存在系统钥匙串中（留空则不变）</source>
        <translation>Stored in the OS keyring (leave empty to keep it)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>天地图密钥（tk）</source>
        <translation>Tianditu key (tk)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>天地图密钥</source>
        <translation>Tianditu key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有可用的系统钥匙串，无法保存密钥。</source>
        <translation>There is no usable OS keyring here; a key cannot be kept.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如 GS(20xx)xxxx号，按天地图公布的填写</source>
        <translation>e.g. GS(20xx)xxxx号, as Tianditu publishes it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审图号</source>
        <translation>Map approval number (审图号)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>每个底图的磁盘缓存</source>
        <translation>Disk cache per basemap</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>其他瓦片源</source>
        <translation>Other tile sources</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（自有）</source>
        <translation> (own)</translation>
    </message>
    <message>
        <source>自定义底图署名</source>
        <translation type="vanished">Custom basemap attribution</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/web_source_dialog.py" line="-39"/>
        <source>瓦片源</source>
        <translation>Tile source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>瓦片源：{name}</source>
        <translation>Tile source: {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如 陕西天地图、县自然资源局瓦片</source>
        <translation>e.g. Shaanxi Tianditu, county natural resources tiles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>瓦片地址模板</source>
        <translation>Tile URL template</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>瓦片矩阵集（WMTS）</source>
        <translation>Tile matrix set (WMTS)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WMTS 才需要：w、GoogleMapsCompatible 或 EPSG:3857</source>
        <translation>WMTS only: w, GoogleMapsCompatible or EPSG:3857</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>署名</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>印在地图下方，例如 © 某某局</source>
        <translation>printed under the map, e.g. © County Bureau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密钥（tk）</source>
        <translation>Key (tk)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本单位自有的底图（允许批量预下载）</source>
        <translation>Our organisation&apos;s own basemap (bulk pre-download allowed)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>地址含 {tk} 时填写；只存入系统钥匙串</source>
        <translation>needed when the URL holds {tk}; kept only in the OS keyring</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请给瓦片源起一个名称。</source>
        <translation>Give the tile source a name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已有名为“{name}”的瓦片源。</source>
        <translation>There is already a tile source named &apos;{name}&apos;.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/reflayers.py" line="+43"/>
        <source>参考图层</source>
        <translation>Reference layers</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/online_basemap_dialog.py" line="-16"/>
        <location filename="../../onemap/gui/docks/reflayers.py" line="+6"/>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/reflayers.py" line="+1"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>Up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下移</source>
        <translation>Down</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>样式…</source>
        <translation>Style…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>添加参考图层</source>
        <translation>Add reference layers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参考图层 (*.shp *.gpkg *.geojson *.json *.kml *.dxf);;所有文件 (*)</source>
        <translation>Reference layers (*.shp *.gpkg *.geojson *.json *.kml *.dxf);;All files (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>DXF 坐标系</source>
        <translation>DXF coordinate system</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DXF 图纸没有坐标系，请输入（如 EPSG:4545）：</source>
        <translation>A DXF drawing declares no coordinate system; enter it (e.g. EPSG:4545):</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/scene3d/dem_menu.py" line="+38"/>
        <source>三维地形：选择高程数据（DEM）…</source>
        <translation>3D terrain: choose elevation data (DEM)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三维地形：不使用高程数据</source>
        <translation>3D terrain: no elevation data</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>选择高程数据（DEM）</source>
        <translation>Choose elevation data (DEM)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>高程 GeoTIFF (*.tif *.tiff);;所有文件 (*)</source>
        <translation>Elevation GeoTIFF (*.tif *.tiff);;All files (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>无法使用高程数据</source>
        <translation>Cannot use the elevation data</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/coverage/dock.py" line="+65"/>
        <source>生活圈</source>
        <translation>Living circles</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>计算覆盖</source>
        <translation>Compute coverage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>步行路网…</source>
        <translation>Walking network…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>显示服务范围</source>
        <translation>Show service area</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>沿路网时：可达街道两侧各 {side} 米（假定的步行进深）合并为一片服务范围。</source>
        <translation>Along the network: the reachable streets widened by {side} m either side (an assumed walking depth), merged into one service area.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>假如在此新增设施</source>
        <translation>What if we add one here</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留此设施</source>
        <translation>Keep this facility</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择设施</source>
        <translation>Pick facility</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>改为所选类型</source>
        <translation>Set chosen type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移动</source>
        <translation>Move</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../onemap/gui/dialogs/online_basemap_dialog.py" line="+2"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+160"/>
        <location line="+120"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>步行路网</source>
        <translation>Walking network</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>请先计算覆盖。</source>
        <translation>Compute coverage first.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>修改设施</source>
        <translation>Edit facility</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/coverage/text.py" line="+18"/>
        <source>距离沿步行路网（{source}）计算。</source>
        <translation>Distances along the walking network ({source}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未载入路网：距离按直线 × 绕行系数 {detour} 估算。</source>
        <translation>No network loaded: distances are straight lines × detour factor {detour}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{estates} 个小区中 {met} 个满足完整社区配套清单。</source>
        <translation>{met} of {estates} estates meet the complete-community checklist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺口最多：{gaps}</source>
        <translation>Most common gaps: {gaps}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>圈色：绿 无缺口，橙 缺 1–2 项，红 缺 3 项以上。</source>
        <translation>Rings: green no gaps, orange 1–2, red 3 or more.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>在此新增{kind}：新覆盖 {count} 个小区（{metres} 米内，{method}）。</source>
        <translation>A new {kind} here would newly cover {count} estates (within {metres} m, {method}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>沿路网</source>
        <translation>along the network</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>直线 × 绕行系数</source>
        <translation>straight line × detour</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>设施：放大后显示</source>
        <translation>Facilities: zoom in to show</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/districts_panel.py" line="+102"/>
        <location line="+32"/>
        <source>片区</source>
        <translation>Renewal district</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>加入片区</source>
        <translation>Assign to district</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移出片区</source>
        <translation>Remove from district</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>片区名称（可输入新名称）：</source>
        <translation>District name (type a new one to create it):</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>已选中 {n} 个小区</source>
        <translation>{n} estates selected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>清单为只读，不能调整片区</source>
        <translation>The inventory is read-only; districts cannot be changed</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/scene3d/view.py" line="+113"/>
        <source>复位视角</source>
        <extracomment>the county&apos;s home view is oblique (its valleys and ridges read as relief), an estate&apos;s a little steeper flying to a single small building stops this far away tiles follow the camera at most this often while it moves (milliseconds) the county, township and street names on the ground (set from the 2D map&apos;s; see placenames3d) what the camera frames until the user moves it: (&quot;home&quot;, &quot;&quot;) or (&quot;estate&quot;, code); kept on resize the tile meshes the camera needs (a county scene is one tile)</extracomment>
        <translation>Reset view</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>显示全部建筑（Home）</source>
        <translation>Show all buildings (Home)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>飞至所选</source>
        <translation>Fly to selection</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>飞到选中的小区（F）</source>
        <translation>Fly to the selected estate (F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>显示名称</source>
        <translation>Show names</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>放大后显示小区名称</source>
        <translation>Show estate names when zoomed in</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>三维视图不可用</source>
        <translation>3D view unavailable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>二维地图、列表和其他功能不受影响。</source>
        <translation>The 2D map, the lists and everything else still work.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/checkin_dialog.py" line="-125"/>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（已修改）</source>
        <translation>(changed)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+109"/>
        <source>交回外业数据</source>
        <translation>Check in field data</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>正在交回 {name}…</source>
        <translation>Checking in {name}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>小区 / 表</source>
        <translation>Estate / table</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/server/conflict.py" line="+81"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>服务器上的值</source>
        <translation>Value on the server</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外业的值</source>
        <translation>Value in the field copy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>按所选保留</source>
        <translation>Keep as chosen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已交回 {applied} 项修改，{same} 项已相同；{n} 处冲突待您选择。</source>
        <translation>{applied} changes checked in, {same} already the same; {n} collisions wait for your choice.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>整行</source>
        <translation>Whole row</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>服务器的</source>
        <translation>Server&apos;s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外业的</source>
        <translation>Field copy&apos;s</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/conflict.py" line="-41"/>
        <source>范围面</source>
        <translation>Outline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>修改冲突</source>
        <translation>Conflicting change</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在您读取之后，{who} 于 {when} 修改了“{estate}”的相同字段。请选择保留哪一方的值：</source>
        <translation>After you read it, {who} changed the same fields of “{estate}” at {when}. Choose whose values to keep:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>我的值</source>
        <translation>My value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{who} 的值</source>
        <translation>{who}&apos;s value</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保留对方的值</source>
        <translation>Keep theirs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用我的值覆盖</source>
        <translation>Overwrite with mine</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/control.py" line="-122"/>
        <source>连接服务器…</source>
        <translation>Connect to server…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>交回外业数据…</source>
        <translation>Check in field data…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在服务器上编辑小区…</source>
        <translation>Edit estate on the server…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>正在连接 {name}…</source>
        <translation>Connecting to {name}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法连接服务器</source>
        <translation>Cannot connect to the server</translation>
    </message>
    <message>
        <source>服务器清单在此窗口中只读：他人的修改会自动显示</source>
        <translation type="vanished">The server inventory is read-only in this window; others&apos; changes appear by themselves</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已连接 {name}</source>
        <translation>Connected to {name}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/edit.py" line="-16"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>新画的范围面</source>
        <translation>the outline as I drew it</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除范围面</source>
        <translation>outline removed</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>账号 {login} 在这个服务器清单上只能查看，不能修改</source>
        <translation>login {login} may only view this server inventory, not change it</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/live.py" line="+136"/>
        <source> 等 {n} 个小区</source>
        <translation> and others, {n} estates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{who} 修改了 {what}</source>
        <translation>{who} changed {what}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/scene3d/binding.py" line="+51"/>
        <source>服务器上的清单暂不能显示三维：请检出（onemap checkout）到本机文件后查看三维。</source>
        <extracomment>called after a scene is put on show (the live watch&apos;s marks place themselves in its frame) inventory path -&gt; (DEM file or None, basemap to drape): the window sets it from its settings why the last build&apos;s ground lacks its relief or basemap (sentences; empty when all went well) the ground&apos;s reference layers and sentences (the window sets its ``reference`` and ``say``)</extracomment>
        <translation>A server inventory cannot be shown in 3D yet: check it out to a local file (onemap checkout) to see it in 3D.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/sheet_import.py" line="+45"/>
        <location line="+47"/>
        <source>导入体检调查表</source>
        <extracomment>per-row problems shown in the message itself; the rest are under 显示详细信息 the job&apos;s :class:`~onemap.gui.jobs.Outcome`, after the message is shown</extracomment>
        <translation>Import check-up survey sheet</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>体检调查表 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Survey sheets (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先打开一个可写的本地清单。</source>
        <translation>Open a writable local inventory first.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在导入体检调查表……</source>
        <translation>Importing the check-up survey sheet…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法导入体检调查表</source>
        <translation>Cannot import the check-up survey sheet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>第 {row} 行 {field}：{reason}</source>
        <translation>Row {row} {field}: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>共 {rows} 行：导入 {n} 条体检问题，{m} 行未导入。</source>
        <translation>{rows} row(s): {n} finding(s) imported, {m} row(s) not imported.</translation>
    </message>
</context>
<context>
    <name>BriefDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/brief_dialog.py" line="+97"/>
        <source>{name}-简报.pdf</source>
        <translation>{name}-brief.pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“预览前几页”先生成封面、目录、汇总和前 {n} 个小区的档案页。</source>
        <translation>“Preview first pages” builds the cover, contents, summary and the sheets of the first {n} estates.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>所选 {n} 个小区</source>
        <translation>{n} selected estates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}，共 {n} 个小区</source>
        <translation>{what}: {n} estates</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在生成预览……</source>
        <translation>Building the preview…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择一个 .pdf 文件，并确认文件夹存在。</source>
        <translation>Choose a .pdf file in a folder that exists.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} 已存在；请点“选择…”选择它并确认覆盖，或换一个文件名。</source>
        <translation>{name} exists; click Browse… to choose it and confirm replacing it, or choose another name.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在生成 PDF……</source>
        <translation>Building the PDF…</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+6"/>
        <source>已取消，没有生成 PDF。</source>
        <translation>Cancelled; no PDF was written.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>生成 PDF 时出错：{message}</source>
        <translation>The PDF could not be built: {message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已导出 {pages} 页到 {path}</source>
        <translation>Exported {pages} pages to {path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>预览共 {pages} 页（导出时每个小区一页）。</source>
        <translation>Preview: {pages} pages (the export has one page per estate).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这台电脑不能把 PDF 页面画成图片（没有 QtPdf，也没有 pdftoppm）；预览 PDF 共 {pages} 页。</source>
        <translation>This computer cannot draw PDF pages as pictures (no QtPdf, no pdftoppm); the preview PDF has {pages} pages.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>第 {n} 页</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>没有可导出的小区。</source>
        <translation>There are no estates to export.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保存简报</source>
        <translation>Save brief</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/brief_dialog.ui" line="+5"/>
        <source>导出简报</source>
        <translation>Export brief</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>隐藏电话中间四位（138****5678）</source>
        <translation>Mask phone numbers (138****5678)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只要小区档案页（不含封面、目录和汇总）</source>
        <translation>Estate sheets only (no cover, contents or summary)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>附年度改造计划汇报，预算（万元）</source>
        <translation>Add the annual plan report, budget (10,000 yuan)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>预览前几页</source>
        <translation>Preview first pages</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../onemap/gui/cameras/players.py" line="+35"/>
        <source>设置中的播放器不能使用：{reason}</source>
        <translation>The player set in Settings cannot be used: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有找到视频播放器。请安装 VLC 或 ffplay，或在“设置”中指定播放器的位置。</source>
        <translation>No video player found. Install VLC or ffplay, or set the player in Settings.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>链接无效：{reason}</source>
        <translation>Invalid link: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>系统没有能打开这个网址的程序。</source>
        <translation>No program on this system can open this address.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>国标编码要在县视频平台中打开：请用“复制国标编码”。</source>
        <translation>GB/T 28181 IDs open in the county&apos;s video platform: use “Copy GB ID”.</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/cameras/panel.py" line="+123"/>
        <location filename="../../ui/camera_panel.ui" line="+22"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/camera_panel.ui" line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/camera_panel.ui" line="+1"/>
        <source>国标编码</source>
        <translation>GB/T 28181 ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/camera_panel.ui" line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/camera_panel.ui" line="+15"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在 OneMap 中观看</source>
        <translation>Watch in OneMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在 OneMap 的视频窗口中播放（断线自动重连，可截图）</source>
        <translation>Play in OneMap&apos;s video window (reconnects by itself, takes snapshots)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/camera_panel.ui" line="+6"/>
        <source>检查在线</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/camera_panel.ui" line="+6"/>
        <source>复制国标编码</source>
        <translation>Copy GB ID</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>这个小区没有登记摄像头。</source>
        <translation>No cameras are recorded for this estate.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>未命名</source>
        <translation>Unnamed</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不可达：{reason}</source>
        <translation>Unreachable: {reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>（没有视频地址）</source>
        <translation>(no stream address)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法打开摄像头</source>
        <translation>Cannot open the camera</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/camera_panel.ui" line="-46"/>
        <source>摄像头</source>
        <translation>camera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已用系统默认程序打开“{name}”。</source>
        <translation>Opened “{name}” in the system&apos;s default program.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已在 {player} 中打开“{name}”。</source>
        <translation>Opened “{name}” in {player}.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在检查 {n} 个摄像头……</source>
        <translation>Checking {n} cameras…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>在线 {online} 个，不可达 {offline} 个。</source>
        <translation>{online} online, {offline} unreachable.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已复制国标编码 {gb_id}</source>
        <translation>Copied GB/T 28181 ID {gb_id}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/cameras/ids.py" line="+44"/>
        <source>编码有误：{reason}</source>
        <translation>Bad ID: {reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>国标编码 {digits}：行政区划 {admin}，行业 {industry}，类型 {kind}（{code}），序号 {serial}</source>
        <translation>GB/T 28181 ID {digits}: admin code {admin}, industry {industry}, type {kind} ({code}), serial {serial}</translation>
    </message>
    <message>
        <location filename="../../ui/camera_panel.ui" line="+35"/>
        <source>用设置中的播放器打开视频流；网页和 HLS 链接用系统默认程序打开</source>
        <translation>Play the stream in the player from Settings; web and HLS links open in the system&apos;s default program</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>逐个连接摄像头的端口（不登录、不发送数据），离线电脑会显示“不可达”</source>
        <translation>Connect to each camera&apos;s port (no login, nothing sent); an offline computer shows “unreachable”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>复制 20 位 GB/T 28181 编码，到县视频平台中查看</source>
        <translation>Copy the 20-digit GB/T 28181 ID to look the camera up in the county&apos;s video platform</translation>
    </message>
</context>
<context>
    <name>ChannelBox</name>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_channels.py" line="+65"/>
        <source>已保存在系统钥匙串中（留空则不变）</source>
        <translation>Stored in the OS keyring (leave empty to keep it)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密钥（{what}）</source>
        <translation>Secret ({what})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认通道（未单独设置的角色用它）</source>
        <translation>Default channel (for roles without their own)</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../ui/details.ui" line="+6"/>
        <source>小区详情</source>
        <translation>Estate details</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在地图或表格中点击一个小区，这里显示它的全部信息。</source>
        <translation>Click an estate on the map or in the table to see everything about it here.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>此处还有：</source>
        <translation>Also here:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>基本信息</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>责任人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>监控摄像头</source>
        <translation>Surveillance cameras</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>资金来源</source>
        <translation>Funding</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>改造内容</source>
        <translation>Renovation items</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>最近修改记录</source>
        <translation>Recent changes</translation>
    </message>
</context>
<context>
    <name>DispatchRulesDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_rules.py" line="+210"/>
        <source>告警派发规则</source>
        <translation>Alert dispatch rules</translation>
    </message>
</context>
<context>
    <name>DispatchRulesPage</name>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_channels.py" line="-51"/>
        <source>短信（阿里云 SendSms）</source>
        <extracomment>the core&apos;s channel titles and field names, for lupdate (shown through :func:`tr_page`)</extracomment>
        <translation>SMS (Aliyun SendSms)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业微信群机器人</source>
        <translation>WeCom group robot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>钉钉群机器人</source>
        <translation>DingTalk group robot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子邮件（SMTP）</source>
        <translation>E-mail (SMTP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>短信签名</source>
        <translation>Sign name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板编号</source>
        <translation>Template code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>消息格式</source>
        <translation>Message format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮件服务器</source>
        <translation>Mail server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发件人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>抄送地址</source>
        <translation>Always to</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_rules.py" line="-161"/>
        <source>告警类型</source>
        <translation>Alert type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>级别</source>
        <translation>Levels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知顺序（→ 分隔升级步骤）</source>
        <translation>Who is told (→ separates escalation steps)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>升级等待（分钟）</source>
        <translation>Escalate after (minutes)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>规则文件（采集器读取）：{path}</source>
        <translation>Rules file (read by the collector): {path}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>默认升级等待（分钟）</source>
        <translation>Default escalation wait (minutes)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>添加规则</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除所选规则</source>
        <translation>Delete selected rules</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>告警派发</source>
        <translation>Alert dispatch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>派发规则…</source>
        <translation>Dispatch rules…</translation>
    </message>
</context>
<context>
    <name>EstateForm</name>
    <message>
        <location filename="../../ui/estate_form.ui" line="+1107"/>
        <source>责任人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>摄像头</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>资金</source>
        <translation>Funding</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>改造内容</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="-1415"/>
        <source>编辑小区</source>
        <translation>Edit estate</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>基本信息</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>小区编码</source>
        <translation>Estate code</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>小区名称</source>
        <translation>Estate name</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>曾用名</source>
        <translation>Former name</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+1047"/>
        <location line="+83"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="-1090"/>
        <source>所在镇（街道）</source>
        <translation>Township / street office</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>所属社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+1007"/>
        <source>位置（经度, 纬度）</source>
        <translation>Position (lon, lat)</translation>
    </message>
    <message>
        <location line="-956"/>
        <source>坐标来源</source>
        <translation>Coordinates from</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>房屋与管理</source>
        <translation>Housing</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>建成年份</source>
        <translation>Year built</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>建成年份（原文）</source>
        <translation>Year built (as written)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>楼栋数</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>住宅建筑面积（㎡）</source>
        <translation>Floor area (m²)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>房屋性质</source>
        <translation>Property type</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>管理模式</source>
        <translation>Management</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>改造</source>
        <translation>Renovation</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>改造年度</source>
        <translation>Renewal year</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>改造类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>基础类</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完善类</source>
        <translation>Improvement</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>提升类</source>
        <translation>Enhancement</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>安全类</source>
        <translation>Safety</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>改造状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>进度（%）</source>
        <translation>Progress (%)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>开工日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>完工日期</source>
        <translation>Finish date</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>总投资（万元）</source>
        <translation>Investment (10k yuan)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>传感器</source>
        <translation>Sensors</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>设备编号</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>低报（%LEL）</source>
        <translation>Low alarm (%LEL)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>高报（%LEL）</source>
        <translation>High alarm (%LEL)</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>改造成效</source>
        <translation>Outputs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>改造完成的实物量，用于统计调查「改造效果情况」；未统计的留空（留空不计为 0）。</source>
        <translation>What the renovation delivered, for the statistical survey&apos;s effect sheet; leave blank what was not counted (blank is not 0).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>改造管线（公里）</source>
        <translation>Pipelines renewed (km)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>加装电梯（部）</source>
        <translation>Lifts added</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设停车位（个）</source>
        <translation>Parking spaces added</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设充电桩（个）</source>
        <translation>EV chargers added</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设养老服务设施（个）</source>
        <translation>Elderly-care facilities added</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设托育服务设施（个）</source>
        <translation>Childcare facilities added</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设其他社区服务设施（个）</source>
        <translation>Other community facilities added</translation>
    </message>
    <message>
        <location line="-612"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+83"/>
        <location line="+93"/>
        <location line="+68"/>
        <location line="+68"/>
        <source>新增一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location line="-305"/>
        <location line="+83"/>
        <location line="+93"/>
        <location line="+68"/>
        <location line="+68"/>
        <source>删除所选行</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location line="-282"/>
        <location line="+83"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>视频地址</source>
        <translation>Stream address</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>国标编码</source>
        <translation>GB/T 28181 ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>通道号</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>资金来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>金额（万元）</source>
        <translation>Amount (10k yuan)</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
</context>
<context>
    <name>EstateFormDialog</name>
    <message>
        <location filename="../../onemap/gui/editing/estate_form.py" line="+158"/>
        <source>新增小区</source>
        <extracomment>the tab each scalar field sits on (the tab turns red while one of its fields is wrong) the estate as read when the form opened: after a conflict, what the user typed is what differs from it</extracomment>
        <translation>New estate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编辑小区：{name}（{code}）</source>
        <translation>Edit estate: {name} ({code})</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>清单以只读方式打开，不能保存修改。</source>
        <translation>The inventory is open read-only; changes cannot be saved.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>还有 {n} 处需要改正（见红字），改正后才能保存。</source>
        <translation>{n} problem(s) to fix (in red) before you can save.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>有 {n} 条提示（黄字），可以保存。</source>
        <translation>{n} note(s) (in amber); you can save.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/export_dialog.py" line="+35"/>
        <source>Excel 工作簿（.xlsx）</source>
        <extracomment>suffix -&gt; (name, what it is for), in the order offered</extracomment>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中文表头，冻结首行；可改好后再导入。</source>
        <translation>Chinese headers, frozen header row; can be corrected and imported again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV 表格（.csv）</source>
        <translation>CSV table (.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8（带 BOM），中文 Excel 直接打开；可再导入。</source>
        <translation>UTF-8 with BOM, opens directly in Chinese Excel; can be imported again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GeoPackage 清单（.gpkg）</source>
        <translation>GeoPackage inventory (.gpkg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新 OneMap 清单，含范围面、楼栋、责任人、资金、摄像头；QGIS 可打开。</source>
        <translation>A new OneMap inventory with outlines, buildings, contacts, funding and cameras; opens in QGIS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GeoJSON（.geojson）</source>
        <translation>GeoJSON (.geojson)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区点和范围面，WGS84 经纬度（EPSG:4326）；可再导入。</source>
        <translation>Estate points and outlines, WGS84 lon/lat (EPSG:4326); can be imported again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KML（.kml）</source>
        <translation>KML (.kml)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Google 地球、奥维互动地图可打开。</source>
        <translation>Opens in Google Earth and Ovital Map.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shapefile（.shp）</source>
        <translation>Shapefile (.shp)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ArcGIS 用：GBK 编码、CGCS2000；范围面另存为 *_outlines.shp；可再导入。</source>
        <translation>For ArcGIS: GBK text, CGCS2000; outlines in a second file *_outlines.shp; can be imported again.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{what}，共 {n} 个小区</source>
        <translation>{what}: {n} estates</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{name}-导出</source>
        <translation>{name}-export</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导出到</source>
        <translation>Export to</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>文件名应以 {suffixes} 结尾。</source>
        <translation>The file name must end in {suffixes}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不能导出到正在使用的清单文件本身。</source>
        <translation>Cannot export into the open inventory file itself.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} 已存在；勾选“文件已存在时覆盖”，或换一个文件名。</source>
        <translation>{name} exists; tick “Replace an existing file” or choose another name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件夹不存在：{folder}</source>
        <translation>Folder not found: {folder}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在导出……</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已导出 {n} 个小区到 {path}</source>
        <translation>Exported {n} estates to {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.ui" line="+5"/>
        <location line="+77"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>文件已存在时覆盖</source>
        <translation>Replace an existing file</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Filter</name>
    <message>
        <location filename="../../onemap/gui/dialogs/filter_text.py" line="+22"/>
        <source>全部小区</source>
        <translation>All estates</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>筛选：{conditions}</source>
        <translation>Filter: {conditions}</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../../ui/filters.ui" line="+6"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>镇（街道）</source>
        <translation>Township</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>改造状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>改造年度</source>
        <translation>Renewal year</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+14"/>
        <location line="+32"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>改造类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>监控摄像头</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>有摄像头</source>
        <translation>With cameras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无摄像头</source>
        <translation>Without cameras</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>定位</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已定位</source>
        <translation>Located</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未定位</source>
        <translation>Not located</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>清除筛选</source>
        <translation>Clear filter</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/import_work.py" line="+12"/>
        <source>自动识别</source>
        <extracomment>coordinate-system choices: (what --crs takes, what the list shows)</extracomment>
        <translation>Detect automatically</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CGCS2000 经纬度（EPSG:4490）</source>
        <translation>CGCS2000 lon/lat (EPSG:4490)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WGS84 经纬度（GPS，EPSG:4326）</source>
        <translation>WGS84 lon/lat (GPS, EPSG:4326)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高德/腾讯（GCJ-02）</source>
        <translation>Amap / Tencent (GCJ-02)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>百度（BD-09）</source>
        <translation>Baidu (BD-09)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CGCS2000 高斯-克吕格 3 度带 108°E（EPSG:4545）</source>
        <translation>CGCS2000 Gauss-Kruger 3° zone, CM 108°E (EPSG:4545)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CGCS2000 3 度带 36 带，带号前缀（EPSG:4524）</source>
        <translation>CGCS2000 3° zone 36 with zone prefix (EPSG:4524)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/import_dialog.py" line="+125"/>
        <source>选择台账</source>
        <translation>Choose a ledger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>台账 (*.xlsx *.xlsm *.csv *.txt *.geojson *.json);;所有文件 (*)</source>
        <translation>Ledgers (*.xlsx *.xlsm *.csv *.txt *.geojson *.json);;All files (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>（自动选择）</source>
        <translation>(automatic)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>正在试运行……</source>
        <translation>Dry run…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+7"/>
        <source>已取消，清单没有改动。</source>
        <translation>Cancelled; the inventory is unchanged.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>导入出错，清单没有改动：{message}</source>
        <translation>The import failed and the inventory is unchanged: {message}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导入 {n} 个小区</source>
        <translation>Import {n} estates</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/import_dialog.ui" line="+169"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name}-导入报告.xlsx</source>
        <translation>{name}-import report.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存导入报告</source>
        <translation>Save import report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>无法保存报告：{message}</source>
        <translation>Cannot save the report: {message}</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{name} 已存在；请点“保存报告为 Excel…”选择它并确认覆盖，或换一个文件名。</source>
        <translation>{name} exists; click Save report as Excel… to choose it and confirm replacing it, or choose another name.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>报告已保存：{path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="-164"/>
        <source>导入台账</source>
        <translation>Import ledger</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Excel (.xlsx)、CSV 或 GeoJSON 台账</source>
        <translation>An Excel (.xlsx), CSV or GeoJSON ledger</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>坐标系</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>县（区）代码</source>
        <translation>County code</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>6 位行政区划代码，如 610725（勉县）</source>
        <translation>6-digit admin code, e.g. 610725 (Mian County)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>先试运行：检查台账并给出报告，不写入清单。看过报告后再点“导入”。</source>
        <translation>Start with a dry run: it checks the ledger and reports, writing nothing. Read the report, then click “Import”.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题说明</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>列对应</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>台账列</source>
        <translation>Ledger column</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读作</source>
        <translation>Read as</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新增与更新</source>
        <translation>Added and updated</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>小区编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保存报告为 Excel…</source>
        <translation>Save report as Excel…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>试运行（检查）</source>
        <translation>Dry run (check)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../ui/legend.ui" line="+6"/>
        <location line="+17"/>
        <source>图例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数量</source>
        <translation>Count</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../onemap/gui/dialogs/import_report_view.py" line="+84"/>
        <source>跳过</source>
        <translation>skipped</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提示</source>
        <translation>warning</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未识别（已保存到备注）</source>
        <translation>not recognised (kept in notes)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>更新</source>
        <translation>update</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增</source>
        <translation>add</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>试运行结果（清单未改动）：将新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。</source>
        <translation>Dry run (nothing written): {imported} estates would be added, {updated} updated and {unchanged} unchanged; skipped rows: {skipped}; warnings: {warnings}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导入：新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。</source>
        <translation>Imported: {imported} estates added, {updated} updated and {unchanged} unchanged; skipped rows: {skipped}; warnings: {warnings}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>坐标系：{crs}</source>
        <translation>Coordinates: {crs}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入前的备份：{path}</source>
        <translation>Backup before the import: {path}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/settings_dialog.py" line="+38"/>
        <source>经度 / 纬度（度）</source>
        <translation>Longitude / latitude (degrees)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高斯-克吕格坐标（米，CGCS2000 3 度带）</source>
        <translation>Gauss-Kruger (metres, CGCS2000 3° zone)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>留空则用系统用户名（{user}）</source>
        <translation>Blank: the system user name ({user})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动查找的位置：
{paths}</source>
        <translation>Searched automatically:
{paths}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>可以使用。</source>
        <translation>Ready to use.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>将使用：{path}</source>
        <translation>Will use: {path}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>没有找到 VLC 或 ffplay。</source>
        <translation>Neither VLC nor ffplay was found.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>选择离线底图</source>
        <translation>Choose an offline basemap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MBTiles 底图 (*.mbtiles);;所有文件 (*)</source>
        <translation>MBTiles basemaps (*.mbtiles);;All files (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>程序 (*.exe)</source>
        <translation>Programs (*.exe)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择视频播放器</source>
        <translation>Choose the video player</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有找到 VLC 或 ffplay，请安装后再试，或手动选择。</source>
        <translation>Neither VLC nor ffplay was found; install one and try again, or browse for it.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="+5"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>离线底图</source>
        <translation>Offline basemap</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>MBTiles 文件（可留空）</source>
        <translation>An MBTiles file (optional)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+31"/>
        <source>选择…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>视频播放器</source>
        <translation>Video player</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>VLC 或 ffplay；留空则自动查找</source>
        <translation>VLC or ffplay; blank to find one automatically</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>自动查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>修改记录署名</source>
        <translation>Name in the audit trail</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>坐标显示</source>
        <translation>Coordinates shown</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>电话号码</source>
        <translation>Phone numbers</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>隐藏中间四位（138****5678）</source>
        <translation>Mask the middle four digits (138****5678)</translation>
    </message>
</context>
<context>
    <name>StatisticsDock</name>
    <message>
        <location filename="../../onemap/gui/docks/statistics.py" line="+27"/>
        <source>按改造年度（小区数）</source>
        <extracomment>how long the figures wait after a refresh of some estates (more may follow) (dimension, Statistics attribute, title, horizontal bars)</extracomment>
        <translation>By renewal year (estates)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按改造状态（小区数）</source>
        <translation>By status (estates)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按镇（街道）（户数）</source>
        <translation>By township (households)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按资金来源（万元）</source>
        <translation>By funding source (10k yuan)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>小区</source>
        <translation>Estates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住宅建筑面积（㎡）</source>
        <translation>Floor area (m²)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>总投资（万元）</source>
        <translation>Investment (10k yuan)</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>点击彩色柱条，地图即按该项筛选；灰色柱条不能作为筛选条件。</source>
        <translation>Click a coloured bar to filter the map by it; grey bars cannot filter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地图的筛选含搜索词、多个状态等无法写成条件的部分，这里的统计只按上面的条件。</source>
        <translation>The map&apos;s filter has parts no condition can express (a search text, several statuses…); these figures follow only the conditions above.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>“{label}”不能作为地图的筛选条件。</source>
        <translation>“{label}” cannot filter the map.</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <location filename="../../onemap/gui/editing/undo_actions.py" line="+84"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>无法撤销或重做</source>
        <translation>Cannot undo or redo</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../onemap/gui/video/tile.py" line="+123"/>
        <source>截图</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把当前画面保存到“图片”文件夹</source>
        <translation>Save the current picture to the Pictures folder</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>切到子码流</source>
        <translation>Switch to the sub-stream</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>切到主码流</source>
        <translation>Switch to the main stream</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主码流</source>
        <translation>Main stream</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>子码流</source>
        <translation>Sub-stream</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>还没有画面，无法截图</source>
        <translation>No picture yet to save</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法创建文件夹 {folder}</source>
        <translation>Cannot create the folder {folder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>截图未能保存到 {path}</source>
        <translation>The snapshot could not be saved to {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>截图已保存：{name}</source>
        <translation>Snapshot saved: {name}</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../onemap/gui/video/wall.py" line="+71"/>
        <source>每页的画面数</source>
        <translation>Pictures per page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>布局</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>第 {page}/{pages} 页</source>
        <translation>Page {page}/{pages}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有可播放的摄像头</source>
        <translation>No camera to play</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>截图已保存到 {path}</source>
        <translation>Snapshot saved to {path}</translation>
    </message>
</context>
</TS>
